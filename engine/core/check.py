"""`entente check`: validate a policy pack and any profile, forum or proposal files."""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic, EntenteError, gather, raise_if
from ..io import yaml_file
from ..model import Forum, PartnerProfile, Proposal
from ..model.validate import id_mismatch, sourced, validate
from ..model.vocabulary import Vocabulary
from .library import Library, unknown_successor
from .pack import Pack, load_pack

KINDS = {
    "partner": (PartnerProfile, "a partner profile"),
    "forum": (Forum, "a forum"),
    "proposal": (Proposal, "a proposal"),
}


def kind_of(path: Path, data) -> str:
    """Which model a file holds: by its folder in the library, else by its keys."""
    parent = path.parent.name
    if parent == "partners":
        return "partner"
    if parent == "forums":
        return "forum"
    if isinstance(data, dict):
        if "title" in data or "partner" in data or "partners" in data:
            return "proposal"
        if "members" in data or "scope" in data:
            return "forum"
    return "partner"


def check_file(path: Path, vocabulary: Vocabulary, forums: list[str] | None = None) -> list[Diagnostic]:
    """The problems of one file; a forum's successor is checked against ``forums`` (the library's) when given."""
    try:
        doc = yaml_file.load(path)
        kind = kind_of(path, doc.data)
        model, what = KINDS[kind]
        item = validate(doc, model, vocabulary, what)
    except EntenteError as exc:
        return list(exc.diagnostics)
    problems = sourced(doc, item) if kind in ("partner", "forum") else []
    problems += unknown_successor(doc, item, forums) if kind == "forum" and forums is not None else []
    if kind in ("partner", "forum") and path.parent.name in ("partners", "forums"):
        problems += id_mismatch(doc, item.id)
    return problems


def probe_records(pack: Pack) -> list[dict]:
    """Two fact records to evaluate while checking: every fact known, and every fact that may be unknown
    unknown (each value the plainest of its type)."""
    from .. import facts as F
    from ..facts import FactValue
    from ..rules.compile import RecordBuilder, referenced_fields

    build = RecordBuilder(pack.vocabulary, referenced_fields(pack.rulesets) | {"t"})
    plain = {F.BOOL: False, F.INT: 0, F.TERM: "", F.TEXT: "", F.TIER: "none"}
    specs = [spec for spec in F.CATALOGUE.values() if not spec.display_only]
    return [
        build(
            {
                spec.name: FactValue(
                    [] if spec.type in F.LIST_TYPES else plain[spec.type],
                    missing=("probe",) if unknown and spec.may_be_unknown else (),
                )
                for spec in specs
            }
        )
        for unknown in (False, True)
    ]


def durable_problems(pack: Pack) -> list[Diagnostic]:
    """Load every ruleset of the pack into durable_rules exactly as an evaluation does, and evaluate the probe
    records: a pack that checks is a pack that runs. Should the core refuse (the compiler keeps the rules
    within its limits, so it should not), the policies it refuses alone are named at their condition."""
    from ..rules.compile import SENTINEL, compile_pack
    from ..rules.durable_backend import refusal

    records = probe_records(pack)
    said = refusal(pack.rulesets, SENTINEL, records)
    if said is None:
        return []
    blamed = [
        (policy, refusal(compile_pack((policy,), pack.vocabulary), SENTINEL, records)) for policy in pack.policies
    ]
    located = [
        yaml_file.load(policy.path).diagnostic(
            ("when",),
            f"durable_rules cannot run this condition ({why})",
            "simplify the condition, or split it over several policies",
        )
        for policy, why in blamed
        if why is not None
    ]
    return located or [
        Diagnostic(
            str(pack.root),
            1,
            1,
            f"durable_rules cannot run this pack's rules ({said})",
            "split the pack's largest conditions over several policies",
        )
    ]


def check_paths(pack_dirs: list[Path], files: list[Path], layers: list[Path]) -> str:
    """Check everything (files against the first pack, with the parties of the library of ``layers``); raise all
    problems together, or return a one-line report."""
    packs, problems = gather(pack_dirs, load_pack)
    for pack in packs:
        problems += durable_problems(pack)
    if packs:
        libraries, problems_of_parties = gather([layers], lambda roots: Library.open(roots, packs[0].vocabulary))
        problems += problems_of_parties
        vocabulary = libraries[0].vocabulary if libraries else packs[0].vocabulary
        forums = libraries[0].forum_ids() if libraries else None
        for path in files:
            problems += check_file(path, vocabulary, forums)
    raise_if(problems)
    n_policies = sum(len(p.policies) for p in packs)
    report = (
        f"ok: {n_policies} policies in {len(packs)} pack{'s' if len(packs) != 1 else ''}, "
        f"{len(files)} other file{'s' if len(files) != 1 else ''} checked"
    )
    return "\n".join([report, *(label_note(p) for p in packs if p.vocabulary.unlabelled())])


def label_note(pack) -> str:
    """Terms without a display label still read as words; say which, so the owner can label them."""
    terms = pack.vocabulary.unlabelled()
    return (
        f"note: {len(terms)} term{'s' if len(terms) != 1 else ''} of {pack.root / 'vocabulary.yaml'} "
        f"{'have' if len(terms) != 1 else 'has'} no label and read{'' if len(terms) != 1 else 's'} as words in "
        f"notes: {', '.join(terms)} (add them under `labels:`)"
    )
