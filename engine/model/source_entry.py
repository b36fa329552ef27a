"""A profile's or forum's ``sources`` entry: free text, or a mapping ``{id, text or url, date, supports}``
(docs/inputs.md, "Sources"). What a source supports is read by engine.model.sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from .common import Ident, InputModel, Text, as_mapping
from .reading import SourceReading

SOURCE_HELP = "write free text, or a mapping {id, text or url, date, supports: [field paths]}"


class Source(SourceReading, InputModel):
    id: Ident | None = None
    text: Text | None = None
    url: Text | None = None
    date: dt.date | None = None  # when the source was published or read
    supports: list[Text] = Field(default_factory=list)  # field paths: tier, stances.trade, dependencies[0]

    @model_validator(mode="after")
    def _cites_something(self) -> Source:
        if not (self.text or self.url):
            raise PydanticCustomError("source_empty", "a source needs `text` or `url`", {"help": SOURCE_HELP})
        return self

    @model_serializer(mode="wrap")
    def _as_written(self, handler):
        """Free text dumps as the text it was written as (a profile's dump reads back the same)."""
        return self.text if self.free else handler(self)


Sources = Annotated[list[Source], BeforeValidator(as_mapping("text"))]
