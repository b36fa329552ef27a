"""A validated model as plain data, and back as a record without validating it again (the validated cache).

:func:`dump` writes an input model exactly as validation left it: every field's value (defaults included),
which fields the file set (``model_fields_set``: an omitted field is unknown, not empty), nested models
by class, and the Python types JSON lacks (tuples, dates). :func:`load` rebuilds it as a :class:`Record`
of the same fields: a msgspec Struct named after the model, with the model's reading methods
(engine.model.reading). Rebuilding imports no pydantic: a `vet` that finds every file it reads in the cache
never imports pydantic's model machinery (docs/benchmarks.md, "The cold start").

A record answers what the engine reads: its fields, ``model_fields_set`` and the reading methods. Anything
else a model has (``model_dump``, ``model_copy``...) the record answers with the model it stands for, made
on first use with ``model_construct`` (no validation) and kept: the analyses that edit an input (what-if,
suggestions, the service) work on either. :class:`ModelRef` names a model without importing it.

Only the engine's own model classes are rebuilt (``engine.`` modules); anything else in the data is refused
(``ValueError``), and the caller validates the file instead. The data is read from the signed cache entries
of :mod:`engine.io.cache` only.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any, NamedTuple

import msgspec

from .reading import READINGS

MODEL, DICT, TUPLE, DATE = "$model", "$dict", "$tuple", "$date"
FIELDS_SET = "model_fields_set"


class ModelRef(NamedTuple):
    """A model class by its module and name, imported only when something must be validated."""

    module: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.module}:{self.name}"

    def load(self) -> type:
        return _model_class(self.key)


FORUM = ModelRef("engine.model.forum", "Forum")
PARTNER_PROFILE = ModelRef("engine.model.profile", "PartnerProfile")
PROPOSAL = ModelRef("engine.model.proposal", "Proposal")
PARTIES_FILE = ModelRef("engine.model.parties_file", "PartiesFile")
VOCABULARY_FILE = ModelRef("engine.model.vocabulary_file", "VocabularyFile")


class Record(msgspec.Struct, frozen=True, dict=True):
    """A validated input rebuilt from the cache (see the module's docstring). ``MODEL`` names its model."""

    MODEL = ""
    _notes = ()  # a partner profile's load notes (engine.model.validate), as on the model

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.as_model(), name)

    def as_model(self) -> Any:
        """The pydantic model this record stands for (made once, without validation)."""
        made = self.__dict__.get("_model")
        if made is None:
            made = self.__dict__["_model"] = load(dump(self), records=False)
            if self._notes:
                made._notes = self._notes
        return made

    def __reduce__(self):
        return _unpickled, (dump(self), self._notes)


def _unpickled(plain: Any, notes: tuple) -> Record:
    record = load(plain)
    if notes:
        with_notes(record, notes)
    return record


def is_model_class(cls: Any) -> bool:
    """Whether ``cls`` is a pydantic model class (told without importing pydantic)."""
    return isinstance(cls, type) and hasattr(cls, "model_fields")


def is_input(value: Any) -> bool:
    """Whether ``value`` is an input: a validated model or its record."""
    return isinstance(value, Record) or is_model_class(type(value))


def model_name(item: Any) -> str:
    """The name of the model an input is (or stands for): ``module:Class``."""
    return item.MODEL if isinstance(item, Record) else class_name(type(item))


def model_class(item: Any) -> type:
    """The pydantic model class of an input (a record's is imported then)."""
    return _model_class(item.MODEL) if isinstance(item, Record) else type(item)


def field_names(item: Any) -> tuple[str, ...]:
    """An input's field names, in the model's order."""
    if isinstance(item, Record):
        return item.__struct_fields__[:-1]
    return tuple(type(item).model_fields)


def with_notes(item: Any, notes: tuple) -> None:
    """Keep a partner profile's load notes on it (a model's private attribute, a record's own)."""
    if isinstance(item, Record):
        item.__dict__["_notes"] = notes
        item = item.__dict__.get("_model")  # the model it stands for, if made already
    if item is not None:
        item._notes = notes


def dump(value: Any) -> Any:
    """``value`` as JSON-ready data that :func:`load` turns back into an equal value of the same types."""
    if is_input(value):  # a model or its record: the same plain form
        return {
            MODEL: model_name(value),
            "fields": {name: dump(getattr(value, name)) for name in field_names(value)},
            "set": sorted(value.model_fields_set),
        }
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise ValueError("a mapping whose keys are not all text")
        return {DICT: {k: dump(v) for k, v in value.items()}}
    if isinstance(value, list):
        return [dump(v) for v in value]
    if isinstance(value, tuple):
        return {TUPLE: [dump(v) for v in value]}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {DATE: value.isoformat()}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise ValueError(f"cannot keep a value of type {type(value).__name__}")


def load(data: Any, records: bool = True) -> Any:
    """The value :func:`dump` wrote, rebuilt without validation: inputs as records (``records=False``: as
    their models)."""
    if isinstance(data, list):
        return [load(v, records) for v in data]
    if not isinstance(data, dict):
        return data
    if MODEL in data:
        name = data[MODEL]
        fields = {field: load(v, records) for field, v in data["fields"].items()}
        if records:
            return _record_class(name, tuple(fields))(**fields, model_fields_set=frozenset(data["set"]))
        return _model_class(name).model_construct(_fields_set=set(data["set"]), **fields)
    if DICT in data:
        return {k: load(v, records) for k, v in data[DICT].items()}
    if TUPLE in data:
        return tuple(load(v, records) for v in data[TUPLE])
    if DATE in data:
        return dt.date.fromisoformat(data[DATE])
    raise ValueError("an unmarked mapping")


def record_of(model: Any) -> Any:
    """A validated model's record (what :func:`load` makes of its plain form)."""
    return load(dump(model))


def class_name(cls: type | ModelRef) -> str:
    """How the plain form names a model class (its module and qualified name)."""
    if isinstance(cls, ModelRef):
        return cls.key
    return f"{cls.__module__}:{cls.__qualname__}"


def _engine_model(name: Any) -> tuple[str, str]:
    module, _, qualname = name.partition(":") if isinstance(name, str) else ("", "", "")
    if not module.startswith("engine.") or not qualname.isidentifier():
        raise ValueError(f"not an input model: {name!r}")
    return module, qualname


_RECORDS: dict[tuple[str, tuple[str, ...]], type[Record]] = {}


def _record_class(name: str, fields: tuple[str, ...]) -> type[Record]:
    """The record class of the model ``name`` with these fields (one class for each)."""
    found = _RECORDS.get((name, fields))
    if found is None:
        _engine_model(name)
        if FIELDS_SET in fields or any(not f.isidentifier() or f.startswith("_") for f in fields):
            raise ValueError(f"not the fields of an input model: {fields!r}")
        bases = (Record, READINGS[name]) if name in READINGS else (Record,)
        found = msgspec.defstruct(
            name.rpartition(":")[2],
            [*((f, Any) for f in fields), (FIELDS_SET, frozenset)],
            bases=bases,
            module=__name__,
            frozen=True,
            dict=True,
            namespace={"MODEL": name},
        )
        _RECORDS[name, fields] = found
    return found


def _model_class(name: str) -> type:
    """The engine's pydantic model of that name (the only classes :func:`load` makes as models)."""
    module, qualname = _engine_model(name)
    try:
        found = getattr(importlib.import_module(module), qualname)
    except (ImportError, AttributeError):
        raise ValueError(f"not an input model: {name!r}") from None
    if not is_model_class(found):
        raise ValueError(f"not an input model: {name!r}")
    return found
