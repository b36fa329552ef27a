"""pytest plugin: every case in cases/**/*.yaml is a test item (`pytest cases/`, `pytest -k vietnam`).

Registered by the repository's top-level conftest.py (``pytest_plugins = ["engine.testing.plugin"]``).
It uses the same loader and runner as `entente test`; a failure shows the case's file and line and the
missing/unexpected lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..errors import EntenteError
from .profiles import FIXTURES_SUFFIX

_STATE: dict = {}


def _context(config):
    if "engine" not in _STATE:
        from ..core.engine import engine_for
        from ..core.settings import SHIPPED_PROFILES, Settings, default_dir

        root = Path(config.rootpath)  # the project's own folders: its pack, and its profiles/ as the bottom layer
        base = root / "profiles" if (root / "profiles").is_dir() else SHIPPED_PROFILES
        settings = Settings.from_sources(default_dir("ENTENTE_POLICIES", "policies", root), base_profiles=base)
        pack = settings.pack()
        _STATE.update(pack=pack, library=settings.library(pack.vocabulary), engine=engine_for(pack))
    return _STATE


def pytest_collect_file(parent, file_path: Path):
    """Collect the YAML files below <rootdir>/cases/ (other YAML, like test fixtures, is data)."""
    from ..core.settings import default_dir

    cases = default_dir("ENTENTE_CASES", "cases", Path(parent.config.rootpath)).resolve()
    if file_path.suffix == ".yaml" and file_path.is_relative_to(cases) and not file_path.name.endswith(FIXTURES_SUFFIX):
        return CaseFileCollector.from_parent(parent, path=file_path)
    return None


class CaseFileError(Exception):
    pass


class CaseFileCollector(pytest.File):
    def collect(self):
        from .load import load_case_file

        ctx = _context(self.config)
        try:
            loaded = load_case_file(self.path, ctx["pack"], ctx["library"])
        except EntenteError as exc:
            raise CaseFileError(exc.render()) from None
        for case in loaded.cases:
            yield CaseItem.from_parent(self, name=case.name, case=case)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFileError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)


class CaseFailure(Exception):
    pass


class CaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case
        if case.todo:
            self.add_marker(pytest.mark.xfail(reason=f"todo: {case.todo}", strict=False))

    def runtest(self):
        from .runner import run_case

        outcome = run_case(self.case, _context(self.config)["engine"])
        if outcome.problems:
            raise CaseFailure("\n".join(outcome.problems))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailure):
            return f"{self.case.path}:{self.case.line} {self.case.name}\n" + "\n".join(
                f"  {line}" for line in str(excinfo.value).splitlines()
            )
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, self.case.line - 1, f"case: {self.case.name}"
