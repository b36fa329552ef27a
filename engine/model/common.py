"""Field types shared by the input models: identifiers, dates, vocabulary terms."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

IDENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
Ident = Annotated[str, StringConstraints(pattern=IDENT_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
_IDENT = re.compile(IDENT_PATTERN)


def is_ident(value: str) -> bool:
    """Whether ``value`` is a valid id (what names a policy, a profile or a case: never a path)."""
    return len(value) <= 120 and _IDENT.fullmatch(value) is not None


_NOT_A_CALENDAR_DATE = re.compile(r"[+-]?\d+(\.\d*)?|.*[T ].*")  # a Unix timestamp, or a date with a time


def _calendar_date(value: Any) -> Any:
    """A date is written YYYY-MM-DD: pydantic alone would also take 0 or '1700000000' (Unix timestamps, read
    as 1970-01-01 and so on) and '2025-01-01T00:00:00'."""
    if (
        (isinstance(value, (int, float)) and not isinstance(value, bool))
        or isinstance(value, dt.datetime)
        or (isinstance(value, str) and _NOT_A_CALENDAR_DATE.fullmatch(value))
    ):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_calendar_date)]


class InputModel(BaseModel):
    """Base of every model read from a user file: unknown keys are errors. A model's validator is built when
    it first validates (``defer_build``): a process builds only the models it uses (docs/benchmarks.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, str_strip_whitespace=False, defer_build=True)


def file_data(model: BaseModel) -> dict[str, Any]:
    """A model's data as its file writes it: JSON values, and only the keys the file set (an omitted field stays
    omitted: unknown, not empty). What a what-if, a suggestion, a case's override or the API edits and validates
    again; a field named apart from its key (``from_`` for ``from``) under its key."""
    return model.model_dump(mode="json", exclude_unset=True, by_alias=True)


def _term_checker(category: str):
    def check(value: str, info: ValidationInfo) -> str:
        vocabulary = (info.context or {}).get("vocabulary")
        if vocabulary is None:
            raise RuntimeError("models must be validated with a vocabulary in the context")
        if not vocabulary.knows(category, value):
            from .vocabulary import CATEGORY_NAMES

            raise PydanticCustomError(
                "unknown_term",
                "unknown {what} '{value}'",
                {"what": CATEGORY_NAMES[category], "value": value, "help": vocabulary.suggestion(category, value)},
            )
        return value

    check.category = category  # read by `entente whatif --sweep` to list a field's values
    return AfterValidator(check)


def term(category: str):
    """A string that must be a term of ``category`` in the vocabulary."""
    return Annotated[str, _term_checker(category)]


Tier = term("tier")
IssueArea = term("issue_area")
Ask = term("ask")
Measure = term("measure")
RedLineTerm = term("red_line")
Requirement = term("requirement")
Sector = term("sector")


def _check_party(value: str, info: ValidationInfo) -> str:
    vocabulary = (info.context or {}).get("vocabulary")
    registry = getattr(vocabulary, "parties", None)
    if registry is None:
        raise RuntimeError("models must be validated with a vocabulary that holds the party registry")
    found = registry.resolve(value)
    if found is None:
        help = registry.suggestion(value)
        if "/" in value or value.endswith((".yaml", ".yml")):
            help = "name a profile by its library id; to use a file, pass it with --partner FILE or --forum FILE"
        raise PydanticCustomError("unknown_party", "unknown party '{value}'", {"value": value, "help": help})
    return found


_check_party.category = "party"
PartyId = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_check_party)]
"""A party (state, bloc, organisation, group) by its id or an alias; stored as the id (engine.model.parties)."""
PartyIdent = Annotated[str, StringConstraints(pattern=IDENT_PATTERN, max_length=120), AfterValidator(_check_party)]
"""A file id that names a party (a partner profile's id): an id first, then a party."""


def as_mapping(key: str):
    """A before-validator: a plain term in a list becomes ``{key: term}`` (the v1 form of a v2 mapping item)."""

    def convert(items):
        if not isinstance(items, list):
            return items
        return [{key: item} if isinstance(item, str) else item for item in items]

    return convert
