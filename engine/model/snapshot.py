"""A validated model as plain data, and back without validating it again (the cold path's validated cache).

:func:`dump` writes an input model exactly as validation left it: every field's value (defaults included),
which fields the file set (``model_fields_set``: an omitted field is unknown, not empty), nested models
by class, and the Python types JSON lacks (tuples, dates). :func:`load` rebuilds the same model with
``model_construct``, which builds no validator: a process that finds every file it reads in the cache
never builds a pydantic schema (docs/benchmarks.md, "The cold start").

Only the engine's own model classes are rebuilt (:func:`_class`); anything else in the data is
refused (``ValueError``), and the caller validates the file instead. The data is read from the signed
cache entries of :mod:`engine.io.cache` only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

MODEL, DICT, TUPLE, DATE = "$model", "$dict", "$tuple", "$date"


def dump(value: Any) -> Any:
    """``value`` as JSON-ready data that :func:`load` turns back into an equal value of the same types."""
    if isinstance(value, BaseModel):
        cls = type(value)
        return {
            MODEL: class_name(cls),
            "fields": {name: dump(getattr(value, name)) for name in cls.model_fields},
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


def load(data: Any) -> Any:
    """The value :func:`dump` wrote, rebuilt (models without validation)."""
    if isinstance(data, list):
        return [load(v) for v in data]
    if not isinstance(data, dict):
        return data
    if MODEL in data:
        cls = _class(data[MODEL])
        if cls is None:
            raise ValueError(f"not an input model: {data[MODEL]!r}")
        fields = {name: load(v) for name, v in data["fields"].items()}
        return cls.model_construct(_fields_set=set(data["set"]), **fields)
    if DICT in data:
        return {k: load(v) for k, v in data[DICT].items()}
    if TUPLE in data:
        return tuple(load(v) for v in data[TUPLE])
    if DATE in data:
        return dt.date.fromisoformat(data[DATE])
    raise ValueError("an unmarked mapping")


def class_name(cls: type) -> str:
    """How the plain form names a model class (its module and qualified name)."""
    return f"{cls.__module__}:{cls.__qualname__}"


_CLASSES: dict[str, type[BaseModel]] = {}


def _class(name: str) -> type[BaseModel] | None:
    """The engine's pydantic model of that name (the only classes :func:`load` makes), or None."""
    if name not in _CLASSES:  # a model defined since the last look (modules load lazily)
        pending = list(BaseModel.__subclasses__())
        while pending:
            cls = pending.pop()
            pending += cls.__subclasses__()
            if cls.__module__.startswith("engine."):
                _CLASSES[class_name(cls)] = cls
    return _CLASSES.get(name)
