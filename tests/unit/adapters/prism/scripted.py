"""A fake transport that answers each request with the next scripted reply."""

from __future__ import annotations

from collections.abc import Callable

import httpx

Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]

TOKEN = "mlc_unit_test_token_5e3b1c"  # noqa: S105


class ScriptedServer:
    """Answers requests in order from a script; records each request and body."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.bodies.append(request.read())
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            return reply
        return reply(request)


class Sleeps:
    """Records the pauses a retry loop asks for, without pausing."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
