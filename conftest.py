# Makes every regression case in cases/ a pytest item (see engine/pytest_plugin.py).
pytest_plugins = ["engine.pytest_plugin"]
