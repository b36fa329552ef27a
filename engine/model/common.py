"""Field types shared by the input models: identifiers, dates, vocabulary terms."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

IDENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
Ident = Annotated[str, StringConstraints(pattern=IDENT_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
_IDENT = re.compile(IDENT_PATTERN)


def is_ident(value: str) -> bool:
    """Whether ``value`` is a valid id (what names a policy, a profile or a case: never a path)."""
    return len(value) <= 120 and _IDENT.fullmatch(value) is not None


class InputModel(BaseModel):
    """Base of every model read from a user file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, str_strip_whitespace=False)


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
