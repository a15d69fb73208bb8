"""What keeps the editor safe on a laptop: loopback only, no foreign Host, a token on every change.

A web page on another site could try to send forms to the editor (cross-site request forgery) or
reach it through a name it points at 127.0.0.1 (DNS rebinding). So every request must name a
loopback host, and every change must carry the token this run of the editor put in its forms and
come from the editor's own pages.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


class RefusedError(Exception):
    """A request the editor will not act on; ``message`` says why in plain words."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def new_token() -> str:
    return secrets.token_urlsafe(32)


def host_name(host: str) -> str:
    """'127.0.0.1:8765' -> '127.0.0.1', '[::1]:80' -> '::1'."""
    return (urlsplit(f"//{host}").hostname or "").lower()


#: sent with every answer: no other site may show the editor in a frame (and trick clicks on it)
NO_FRAMING = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
]


class LoopbackHostOnly:
    """Answer only requests whose Host header names this computer, and never inside a frame."""

    def __init__(self, app: ASGIApp, page: bytes) -> None:
        self.app, self.page = app, page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            host = headers.get(b"host", b"").decode("latin-1")
            if host_name(host) not in LOOPBACK_NAMES:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 421,
                        "headers": [(b"content-type", b"text/html; charset=utf-8"), *NO_FRAMING],
                    }
                )
                await send({"type": "http.response.body", "body": self.page})
                return

        async def framed_never(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *NO_FRAMING]}
            await send(message)

        await self.app(scope, receive, framed_never)


async def checked_form(request: Request, token: str) -> FormData:
    """The posted form, once it is known to come from the editor's own page in this run."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise RefusedError("This change came from another web site, so the editor did not make it.")
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise RefusedError("This change came from another web site, so the editor did not make it.")
    form = await request.form()
    sent = form.get("csrf")
    if not isinstance(sent, str) or not secrets.compare_digest(sent, token):
        raise RefusedError(
            "This form is from an earlier run of the editor (or another site). "
            "Go back, reload the page, and make the change again."
        )
    return form
