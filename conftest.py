# Makes every regression case in cases/ a pytest item (see engine/testing/plugin.py).
pytest_plugins = ["engine.testing.plugin"]
