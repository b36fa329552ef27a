# Makes every regression case in cases/ a pytest item (see engine/testing/plugin.py); the service's fixtures;
# tests/mutation_mode.py: how the suite runs under mutmut.
pytest_plugins = ["engine.testing.plugin", "tests.mutation_mode", "tests.service_fixtures"]
