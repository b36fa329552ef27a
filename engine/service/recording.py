"""`entente vet --record`: the command line's assessments into the same record as the service's.

Each proposal file is recorded as the JSON request that asks the same of the API (its text as the
proposal, profile files named with --partner/--forum as inline profiles, the waivers, the options), so
the record shows what was given and `POST /api/v1/assessments/{id}/rerun` can run it again.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

from ..core.engine import Options
from ..core.library import Library, looks_like_path
from ..core.pack import Pack
from ..core.resolve import Resolved
from ..core.results import Result
from ..core.waivers import Waiver
from .digests import inputs_digest, library_digest, pack_files
from .inputs import JSON, Submission
from .profiles import Profiles, snapshot
from .record import NewAssessment, Record


def who_runs() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _refs(refs: list[str] | None, kind: str) -> tuple[list[str] | None, list[str]]:
    """Ids for the refs, and the texts of the refs that are files (inline profiles in the request)."""
    if not refs:
        return refs, []
    ids, texts = [], []
    for ref in refs:
        if looks_like_path(ref):
            text = Path(ref).read_text(encoding="utf-8")
            texts.append(text)
            ids.append(_id_of(text, ref))
        else:
            ids.append(ref)
    return ids, texts


def _id_of(text: str, ref: str) -> str:
    from ..io import yaml_file

    data = yaml_file.parse(ref, text).data
    return str(data.get("id")) if isinstance(data, dict) else ref


def request_for(
    path: Path, partner_refs: list[str] | None, forum_ref: str | None, options: Options, waivers: list[Waiver], flags
) -> Submission:
    partners, partner_texts = _refs(partner_refs, "partner")
    forums, forum_texts = _refs([forum_ref] if forum_ref else None, "forum")
    body: dict[str, Any] = {"proposal": Path(path).read_text(encoding="utf-8")}
    if partners:
        body["partners"] = partners
    if forums:
        body["forum"] = forums[0]
    if partner_texts or forum_texts:
        body["profiles"] = {"partners": partner_texts, "forums": forum_texts}
    body |= {"today": options.today.isoformat(), "max_age": options.max_age_days}
    if waivers:
        body["waivers"] = [w.spec.model_dump(mode="json", exclude_none=True) for w in waivers]
    body |= {name: True for name, on in flags.items() if on}
    return Submission(JSON, json.dumps(body, ensure_ascii=False, indent=2))


def record_vetting(
    url: str,
    pack: Pack,
    library: Library,
    vetted: list[tuple[Path, Resolved, Result]],
    options: Options,
    refs: tuple[list[str] | None, str | None],
    waivers: list[Waiver],
    flags: dict[str, bool],
) -> list[str]:
    """Record each assessment of a `vet` run; their ids."""
    record = Record(url)
    record.store_pack(pack.digest, pack_files(pack))
    profiles = Profiles(library, library.vocabulary, {"partner": {}, "forum": {}})
    library_hash, who = library_digest([layer.root for layer in library.layers]), who_runs()
    ids = []
    for path, resolved, result in vetted:
        inputs = snapshot(resolved, profiles, options.today, options.max_age_days)
        sub = request_for(path, refs[0], refs[1], options, waivers, flags)
        entry = NewAssessment(
            who, "cli", sub.to_data(), inputs, result, inputs_digest(inputs), pack.digest, library_hash
        )
        ids.append(record.add(entry)["id"])
    return ids
