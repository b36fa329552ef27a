# Makes every regression case in cases/ a pytest item (see engine/testing/plugin.py); the service's fixtures.
pytest_plugins = ["engine.testing.plugin", "tests.service_fixtures"]
