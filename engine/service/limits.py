"""Limits on every request, as ASGI middleware: the size of its body and the time to its answer.

A body past the limit is refused with 413 before it is read (by its Content-Length) or as soon as it
passes the limit (a chunked body); a request with no answer within the time limit gets 503. Both answers
are problem documents.
"""

from __future__ import annotations

import asyncio
import json

from .problems import PROBLEM


def _problem(status: int, slug: str, title: str, detail: str, path: str) -> tuple[dict, bytes]:
    body = {"type": f"urn:entente:problem:{slug}", "title": title, "status": status, "detail": detail}
    body |= {"instance": path, "errors": []}
    raw = json.dumps(body).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", PROBLEM.encode()), (b"content-length", str(len(raw)).encode())],
    }
    return start, raw


async def _send_problem(send, status: int, slug: str, title: str, detail: str, path: str) -> None:
    start, raw = _problem(status, slug, title, detail, path)
    await send(start)
    await send({"type": "http.response.body", "body": raw})


class _Tracked:
    """A ``send`` that remembers whether the answer has started (after that, no other answer can be sent)."""

    def __init__(self, send):
        self.send, self.started = send, False

    async def __call__(self, message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)


class BodyLimit:
    """Refuse a body larger than ``limit`` bytes with 413."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        detail = f"the body is larger than the {self.limit:,}-byte limit"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await _send_problem(send, 413, "body-too-large", "Body too large", detail, scope["path"])
        seen, tracked = 0, _Tracked(send)

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, tracked)
        except _TooLarge:
            if not tracked.started:
                await _send_problem(send, 413, "body-too-large", "Body too large", detail, scope["path"])


class _TooLarge(Exception):
    pass


class TimeLimit:
    """Answer 503 when a request has no answer within ``seconds``."""

    def __init__(self, app, seconds: float):
        self.app, self.seconds = app, seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        tracked = _Tracked(send)
        try:
            await asyncio.wait_for(self.app(scope, receive, tracked), self.seconds)
        except TimeoutError:
            if not tracked.started:
                detail = f"no answer within {self.seconds:g} s"
                await _send_problem(send, 503, "timeout", "The request took too long", detail, scope["path"])
