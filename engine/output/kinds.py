"""The kinds of input file: their models, how a file's kind is told, and each kind's shape (the order of its keys).

Every tool that writes or describes an input file reads this one table: `entente fmt` (the canonical key
order), `entente schema` and the API's ``/schemas`` (the JSON Schemas), the workspace's YAML view.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:  # pydantic's model machinery is loaded with the models, not by `entente --version`
    from pydantic import BaseModel

KIND_NAMES = ("proposal", "partner", "forum", "waivers", "parties", "vocabulary", "policy", "cases", "fixtures")


def models() -> dict[str, type[BaseModel]]:
    """Each kind's model (imported when asked: the policy and case models are large)."""
    from ..core.waivers import WaiverFile
    from ..model import Forum, PartnerProfile, Proposal
    from ..model.parties_file import PartiesFile
    from ..model.vocabulary_file import VocabularyFile
    from ..policy.policy_file import PolicyFile
    from ..testing.spec import CaseFileSpec, FixturesFile

    found = {
        "proposal": Proposal,
        "partner": PartnerProfile,
        "forum": Forum,
        "waivers": WaiverFile,
        "parties": PartiesFile,
        "vocabulary": VocabularyFile,
        "policy": PolicyFile,
        "cases": CaseFileSpec,
        "fixtures": FixturesFile,
    }
    return {k: found[k] for k in KIND_NAMES}


def kind_of(path: Path, data: Any) -> str:
    """Which kind a file holds: by its name, then by its keys, then by its folder (a profile by default)."""
    if path.name == "vocabulary.yaml":
        return "vocabulary"
    if path.name == "parties.yaml":
        return "parties"
    if path.name.endswith(".fixtures.yaml"):
        return "fixtures"
    keys = set(data) if isinstance(data, dict) else set()
    for kind, marks in (("waivers", {"waivers"}), ("cases", {"cases"}), ("policy", {"when", "rationale"})):
        if keys & marks:
            return kind
    if keys & {"title", "partner", "partners"}:
        return "proposal"
    if path.parent.name == "forums" or keys & {"members", "scope"}:
        return "forum"
    return "partner"


class Shape(msgspec.Struct, frozen=True):
    """What a YAML node holds: a record (its keys in order, each with the shape of its value), a list or a table
    (free keys) of one shape, or anything (None)."""

    keys: tuple[str, ...] = ()
    fields: tuple[tuple[str, Shape | None], ...] = ()
    item: Shape | None = None
    table: bool = False
    record: bool = False

    def child(self, key: Any) -> Shape | None:
        if self.record:
            return dict(self.fields).get(key)
        return self.item


# Fields typed `Any` that hold a file of another kind (the cases and fixtures inline profiles and proposals).
_INLINE = {
    ("CaseSpec", "partner"): "PartnerProfile",
    ("CaseSpec", "forum"): "Forum",
    ("CaseSpec", "proposal"): "Proposal",
    ("CaseSpec", "expect"): "ExpectSpec",
    ("CaseFileSpec", "cases"): "[CaseSpec",
    ("FixturesSpec", "partners"): "[PartnerProfile",
    ("FixturesSpec", "forums"): "[Forum",
    ("FixturesFile", "partners"): "[PartnerProfile",
    ("FixturesFile", "forums"): "[Forum",
}


def shape_of(kind: str) -> Shape:
    return _model_shape(models()[kind], 0)


def _named(name: str) -> type[BaseModel]:
    from ..model import Forum, PartnerProfile, Proposal
    from ..testing.spec import CaseSpec, ExpectSpec

    return {"PartnerProfile": PartnerProfile, "Forum": Forum, "Proposal": Proposal, "CaseSpec": CaseSpec}.get(
        name, ExpectSpec
    )


def _model_shape(model: type[BaseModel], depth: int) -> Shape:
    fields = []
    for name, info in model.model_fields.items():
        inline = _INLINE.get((model.__name__, name))
        if inline is not None:
            inner = _model_shape(_named(inline.lstrip("[")), depth + 1)
            fields.append((info.alias or name, Shape(item=inner) if inline.startswith("[") else inner))
        else:
            fields.append((info.alias or name, _shape(info.annotation, depth + 1)))
    return Shape(keys=tuple(k for k, _ in fields), fields=tuple(fields), record=True)


def _shape(annotation: Any, depth: int) -> Shape | None:
    if depth > 12:
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _shape(args[0], depth)
    if origin in (typing.Union, types.UnionType):
        shapes = [s for s in (_shape(a, depth) for a in args) if s is not None]
        return next((s for s in shapes if s.record), shapes[0] if shapes else None)
    if origin in (list, tuple):
        return Shape(item=_shape(args[0], depth + 1)) if args else Shape()
    if origin is dict:
        return Shape(item=_shape(args[1], depth + 1), table=True)
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_shape(annotation, depth)
    return None
