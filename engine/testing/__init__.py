"""Regression cases: case files, the runner, --update, and the pytest plugin."""
