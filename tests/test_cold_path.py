"""The cold path (issue 18). The validated cache: a file validated once is rebuilt on the next run without
validation, as a record (or as its model) equal field by field, type by type and in what the file set; only
against the vocabulary it was checked with; a corrupt or foreign entry is validated again. Results are written
in field order and read back equal. A cold `vet` that finds every file in the cache imports no pydantic model
machinery."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from pydantic import BaseModel

from engine.core.library import Library, load_all
from engine.core.pack import load_pack
from engine.core.results import EvidenceItem, Finding, ForumFinding, NotAssessed, Result, Undecided, data, stored_result
from engine.errors import EntenteError
from engine.io import cache, yaml_file
from engine.model import Proposal, snapshot
from engine.model.parties_file import PartiesFile
from engine.model.validate import validate
from engine.model.vocabulary_file import VocabularyFile
from tests.conftest import POLICIES, PROFILES, ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _same(a, b) -> None:
    """Equal values of the same types all the way down; inputs (models or their records) of the same model, with
    the same fields in the same order and the same fields set."""
    if snapshot.is_input(a) or snapshot.is_input(b):
        assert snapshot.model_name(a) == snapshot.model_name(b), (a, b)
        assert set(a.model_fields_set) == set(b.model_fields_set), snapshot.model_name(a)
        assert snapshot.field_names(a) == snapshot.field_names(b)
        for name in snapshot.field_names(a):
            _same(getattr(a, name), getattr(b, name))
        return
    assert type(a) is type(b), (a, b)
    if isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    else:
        assert a == b


def _through_a_file(item, records=True):
    """What a later run reads: the plain form written as JSON and read back (as a record, or as the model)."""
    return snapshot.load(json.loads(json.dumps(snapshot.dump(item))), records)


def test_every_shipped_input_is_rebuilt_equal(pack):
    library = Library.open(PROFILES, pack.vocabulary)
    partners, forums = load_all(library)
    proposals = [validate(yaml_file.load(p), Proposal, library.vocabulary, "a proposal") for p in EXAMPLES]
    specs = [
        validate(yaml_file.load(POLICIES / "vocabulary.yaml"), VocabularyFile, None, "the vocabulary"),
        validate(yaml_file.load(POLICIES / "parties.yaml"), PartiesFile, None, "a party registry"),
    ]
    items = [*partners, *forums, *proposals, *specs, *(p.rationale for p in pack.policies)]
    assert len(partners) > 10 and len(forums) > 3 and len(proposals) == len(EXAMPLES)
    for item in items:
        record, model = _through_a_file(item), _through_a_file(item, records=False)
        assert isinstance(record, snapshot.Record) and isinstance(model, BaseModel)
        _same(record, item)
        _same(model, item)
        assert record.as_model() == model and _through_a_file(record) == record


def test_the_plain_form_keeps_tuples_dates_and_what_was_left_unset(pack):
    library = Library.open(PROFILES, pack.vocabulary)
    profile = next(p for p in load_all(library)[0] if p.as_of is not None and "label" not in p.model_fields_set)
    again = _through_a_file(profile)
    assert again.as_of == profile.as_of and type(again.as_of).__name__ == "date"
    assert not again.given("label") and again.given("tier")
    spec = _through_a_file(pack.vocabulary.spec)
    assert isinstance(spec.tiers, tuple) and spec.tiers == pack.vocabulary.spec.tiers


@pytest.mark.parametrize(
    "data, message",
    [
        ({"$model": "builtins:object", "fields": {}, "set": []}, "not an input model: 'builtins:object'"),
        ({"$model": "os:system", "fields": {}, "set": []}, "not an input model: 'os:system'"),
        ({"id": "x"}, "an unmarked mapping"),
    ],
)
def test_only_the_engines_own_models_are_rebuilt(data, message):
    with pytest.raises(ValueError, match=message):
        snapshot.load(data)


def test_a_value_the_plain_form_cannot_keep_is_refused():
    with pytest.raises(ValueError, match="cannot keep a value of type set"):
        snapshot.dump({"a": {1, 2}})
    with pytest.raises(ValueError, match="a mapping whose keys are not all text"):
        snapshot.dump({1: "a"})


def _copy(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    policies = Path(shutil.copytree(POLICIES, tmp_path / "policies"))
    profile = tmp_path / "land.yaml"
    profile.write_text("id: vietnam\nname: Vietnam\ntier: comprehensive_strategic_partnership\nhedging: nonaligned\n")
    return policies, profile


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("validated-*/*/*.json"))


def test_a_file_is_rebuilt_from_the_cache_without_validating(tmp_path, monkeypatch):
    from engine.model.profile import PartnerProfile

    policies, profile = _copy(tmp_path, monkeypatch)
    vocabulary = load_pack(policies).vocabulary
    first = validate(yaml_file.load(profile), PartnerProfile, vocabulary, "a partner profile")
    assert len(_entries(tmp_path)) == 3  # the party registry, the vocabulary, the profile

    def must_not_run(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(PartnerProfile, "model_validate", must_not_run)
    second = validate(yaml_file.load(profile), PartnerProfile, vocabulary, "a partner profile")
    _same(second, first)


def test_a_cached_file_is_checked_again_against_another_vocabulary(tmp_path, monkeypatch):
    """The hedging posture the profile uses is taken out of the vocabulary: the profile no longer loads."""
    from engine.model.profile import PartnerProfile

    policies, profile = _copy(tmp_path, monkeypatch)
    validate(yaml_file.load(profile), PartnerProfile, load_pack(policies).vocabulary, "a partner profile")
    vocabulary_file = policies / "vocabulary.yaml"
    text = vocabulary_file.read_text()
    assert "hedging_postures: [aligned, hedging, nonaligned, " in text
    label = re.search(r"\n +nonaligned: [^\n]*", text)
    vocabulary_file.write_text(text.replace("hedging, nonaligned, ", "hedging, ", 1).replace(label[0], "", 1))
    with pytest.raises(EntenteError, match="unknown hedging posture 'nonaligned'"):
        validate(yaml_file.load(profile), PartnerProfile, load_pack(policies).vocabulary, "a partner profile")


def test_a_corrupt_or_foreign_entry_is_validated_again_and_rewritten(tmp_path, monkeypatch):
    from engine.model.profile import PartnerProfile

    policies, profile = _copy(tmp_path, monkeypatch)
    vocabulary = load_pack(policies).vocabulary
    fresh = validate(yaml_file.load(profile), PartnerProfile, vocabulary, "a partner profile")
    (entry,) = [e for e in _entries(tmp_path) if "PartnerProfile" in e.read_text()]
    store_folder = entry.parent.parent
    name = entry.stem
    for corrupt in (
        {"model": {"$model": "builtins:object", "fields": {}, "set": []}},
        {"model": {"nonsense": 1}},
        {"other": 1},
    ):
        cache.VALIDATED.put(name, corrupt)
        assert (store_folder / name[:2] / f"{name}.json").is_file()
        again = validate(yaml_file.load(profile), PartnerProfile, vocabulary, "a partner profile")
        _same(again, fresh)
        _same(snapshot.load(cache.VALIDATED.get(name)["model"]), fresh)  # rewritten


COLD_VET = """
import sys
from engine.cli import cli
try:
    cli.main(["vet", "examples/vietnam-supply-chain-conditioned.yaml"], standalone_mode=True)
except SystemExit as done:
    code = done.code
machinery = "yes" if "pydantic.main" in sys.modules else "no"  # before this script imports the models
from engine.model.profile import PartnerProfile
from engine.model.proposal import Proposal
from engine.model.vocabulary_file import VocabularyFile
built = [m.__name__ for m in (PartnerProfile, Proposal, VocabularyFile) if m.__pydantic_complete__]
commands = sorted(name for name in sys.modules if name.startswith("engine.cli.") and name != "engine.cli.app")
print("commands:", " ".join(commands), file=sys.stderr)
print("exit", code, "built:", " ".join(built) or "none", "machinery:", machinery, file=sys.stderr)
"""


def test_a_cold_vet_on_a_warm_cache_imports_no_model_machinery(tmp_path):
    env = {"ENTENTE_CACHE_DIR": str(tmp_path / "cache"), "ENTENTE_TODAY": "2026-11-24", "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run([sys.executable, "-c", COLD_VET], cwd=ROOT, env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert runs[0].stderr.splitlines()[-1] == "exit 1 built: PartnerProfile Proposal VocabularyFile machinery: yes"
    assert runs[1].stderr.splitlines()[-1] == "exit 1 built: none machinery: no"  # pydantic.main never imported
    assert runs[1].stdout == runs[0].stdout and "CRITICAL  red-line-crossing" in runs[0].stdout
    # only vet's own command module (and the two it imports) is loaded: the others are loaded by name when run
    assert runs[1].stderr.splitlines()[-2] == "commands: engine.cli.db engine.cli.options engine.cli.vet"


RESULT_VALUES = {
    EvidenceItem: {"field": "partner.tier", "value": ["a", 1, None], "text": "The partner is a partner."},
    Undecided: {"id": "p", "severity": "high", "title": "T", "missing": ["partner.hedging"]},
    NotAssessed: {"party": "x", "reason": "no profile"},
    Finding: {
        "id": "p",
        "severity": "high",
        "title": "T",
        "message": "M",
        "rationale": "R",
        "source": "S",
        "quote": "Q",
        "recommendation": "Do",
        "references": ["r"],
        "evidence": [],
        "confidence": "high",
        "missing": [],
    },
}


@pytest.mark.parametrize("cls", list(RESULT_VALUES), ids=lambda c: c.__name__)
def test_a_result_is_written_in_field_order_and_read_back_equal(cls):
    values = RESULT_VALUES[cls]
    for given in (values, dict(reversed(list(values.items())))):  # in field order, and in another order
        made = cls(**given)
        written = data(made)
        assert list(written) == [n for n in cls.__struct_fields__ if n != "suggestions"]  # absent: not computed
        assert msgspec.convert(written, cls) == made


def test_a_result_without_a_required_field_is_refused():
    with pytest.raises(TypeError, match="Missing required argument 'title'"):
        Undecided(id="p", severity="high", missing=[])


def test_a_result_leaves_out_what_was_not_computed_and_what_is_hidden():
    finding = Finding(**RESULT_VALUES[Finding])
    result = Result(
        schema_version=2,
        proposal="p",
        title="T",
        engine_version="0",
        policy_pack="abc",
        assessments=[],
        not_assessed=[],
        summary={},
        forum_findings=[ForumFinding(**RESULT_VALUES[Finding], forum="quad", members=["india"])],
        suggested=True,
    )
    written = data(result)
    assert "explanations" not in written and "suggested" not in written
    assert written["forum_findings"][0]["members"] == ["india"] and "suggestions" not in written["forum_findings"][0]
    finding.suggestions = []
    assert data(finding)["suggestions"] == []  # computed, none found: written
    read = stored_result({**written, "explanations": [{"partner": "x"}]})  # the explanations only display
    assert read == msgspec.structs.replace(result, suggested=False)


def test_a_field_named_apart_from_its_key_keeps_its_key(tmp_path, pack):
    """``from`` (the model's ``from_``): rebuilt from the plain form, and written back under its key."""
    from engine.model.common import file_data

    path = tmp_path / "threat.yaml"
    path.write_text(
        "id: threat\ntitle: T\npartner: germany\nkind: coercive_measure\n"
        "measures: [{measure: tariffs, status: threatened, from: 2026-02-01}]\n"
    )
    proposal = validate(yaml_file.load(path), Proposal, pack.vocabulary, "a proposal")
    again = _through_a_file(proposal)
    _same(again, proposal)
    assert str(again.measures[0].from_) == "2026-02-01"
    assert file_data(again)["measures"] == [{"measure": "tariffs", "status": "threatened", "from": "2026-02-01"}]


GC_PROBE = """
import atexit, gc, sys
import engine.cli
from engine.cli import cli
def frozen():
    return "frozen" if gc.get_freeze_count() else "not frozen"
print("imported", gc.get_threshold(), frozen())
atexit.register(lambda: print("at exit", gc.get_threshold(), frozen()))  # before the program's: it runs after it
if sys.argv[1:] == ["run"]:
    sys.argv = ["entente", "--version"]
    engine.cli.main()
"""


@pytest.mark.parametrize("run", [False, True], ids=["imported", "run"])
def test_the_program_and_only_the_program_tunes_the_collector(run):
    """`entente` (engine.cli.main) raises the collector's thresholds and freezes what is alive at exit (its exit
    handler registered first, so run after those registered later); a program that imports the package keeps
    Python's defaults."""
    from engine.cli import GC_THRESHOLDS

    default = subprocess.run([sys.executable, "-c", "import gc; print(gc.get_threshold())"], capture_output=True)
    probe = [sys.executable, "-c", GC_PROBE, *(["run"] if run else [])]
    lines = subprocess.run(probe, cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    python = default.stdout.decode().strip()
    if not run:
        assert lines == [f"imported {python} not frozen", f"at exit {python} not frozen"]
    else:
        assert lines == [f"imported {python} not frozen", "entente, version 0.1.0", f"at exit {GC_THRESHOLDS} frozen"]


def test_every_reading_class_belongs_to_the_model_named_for_it():
    """A record inherits the reading class READINGS names for its model: the model must inherit the same one."""
    from engine.model.reading import READINGS

    for name, reading in READINGS.items():
        assert issubclass(snapshot.ModelRef(*name.split(":")).load(), reading), name
    models = [snapshot.ModelRef(*r.key.split(":")).load() for r in (snapshot.FORUM, snapshot.PARTIES_FILE)]
    assert not any(issubclass(m, tuple(READINGS.values())) for m in models)


def test_a_record_reads_as_its_model_and_answers_the_rest_with_it(pack):
    import pickle

    library = Library.open(PROFILES, pack.vocabulary)
    model = next(p for p in load_all(library)[0] if "label" not in p.model_fields_set and p.sources)
    model = _through_a_file(model, records=False)
    record = _through_a_file(model)
    assert type(record) is type(_through_a_file(model))  # one class for a model's fields
    assert record.given("tier") and not record.given("label") and record.effective_tier == model.effective_tier
    assert record.sources[0].cited == model.sources[0].cited and record.notes == () == model.notes
    assert record.model_dump(mode="json", exclude_unset=True) == model.model_dump(mode="json", exclude_unset=True)
    assert pickle.loads(pickle.dumps(record)) == record and record.as_model() == model
    snapshot.with_notes(record, ("a note",))
    assert record.notes == ("a note",) and record.as_model().notes == ("a note",)
    assert pickle.loads(pickle.dumps(record)).notes == ("a note",)  # as a model's private attribute is
    assert snapshot.model_class(record) is type(model) and snapshot.field_names(record) == tuple(
        type(model).model_fields
    )
    with pytest.raises(AttributeError):
        record.no_such_field  # noqa: B018
