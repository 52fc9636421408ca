"""Who may write: bearer tokens, the read-only switch, cross-site refusal, CORS, the access log.

Reads stay open. A write (any endpoint of `api.writes`) is accepted only when all of these hold:

1. it does not come from another site: a browser's `Origin` header (sent with every cross-origin
   request and with every POST/PUT/DELETE) must be this server's own origin or one allowed with
   `--cors-origin`, and `Sec-Fetch-Site` must not say `cross-site` or `same-site`;
2. the server is not read-only (`tidings serve --read-only`) and at least one token exists;
3. the request carries a live token in its `Authorization: Bearer …` header. Cookies and query
   strings are never read, so a token cannot ride along on a link or a forged form.

Why this rules out cross-site request forgery against the pages: CSRF works by making a victim's
browser send a request that the browser authenticates by itself (cookies, HTTP auth). Here there
is nothing a browser attaches by itself: the only credential is a header that a page can set only
with `fetch()`, and a cross-origin `fetch()` with an `Authorization` header needs a CORS preflight,
which this server refuses unless the operator allowed that origin. A plain form or image request
from another site carries no token (401), and its `Origin` / `Sec-Fetch-Site` headers get it refused
before the token is even looked at (403), so even a token a browser somehow held could not be used.
"""
from __future__ import annotations

import logging
import time
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..tokens import check_token, has_live_tokens

log = logging.getLogger("tidings.api.security")
access_log = logging.getLogger("tidings.access")

bearer = HTTPBearer(auto_error=False, description="A token made by `tidings token create NAME`.")
CROSS_SITE_FETCH = {"cross-site", "same-site"}


def cross_site_reason(request: Request) -> str | None:
    """Why a request looks like it comes from another site's page, or None."""
    allowed = request.app.state.cors_origins
    origin = request.headers.get("origin")
    if origin is not None:
        if origin in allowed:
            return None
        # behind a TLS proxy the scheme seen here may differ: the host (and port) is what counts
        if origin != "null" and urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower():
            return None
        return f"cross-site request from {origin} refused"
    fetch_site = request.headers.get("sec-fetch-site", "").lower()
    if fetch_site in CROSS_SITE_FETCH:
        return f"cross-site request refused (Sec-Fetch-Site: {fetch_site})"
    return None


def authorize_write(request: Request,
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
    """The name of the token a write request was made with; raises 403 or 401 otherwise."""
    reason = cross_site_reason(request)
    if reason:
        log.warning("write refused: %s", reason, extra={"path": request.url.path})
        raise HTTPException(403, reason)
    store = request.app.state.store
    if request.app.state.read_only:
        raise HTTPException(403, "this server is read-only (started with --read-only)")
    if not has_live_tokens(store):
        raise HTTPException(403, "this server is read-only: no access token exists yet "
                                 "(create one with `tidings token create NAME`)")
    if credentials is None:
        raise HTTPException(401, "this endpoint needs a token: send the header `Authorization: Bearer TOKEN` "
                                 "(create one with `tidings token create NAME`)",
                            headers={"WWW-Authenticate": "Bearer"})
    name = check_token(store, credentials.credentials)
    if name is None:
        log.warning("write refused: unknown or revoked token", extra={"path": request.url.path})
        raise HTTPException(401, "the token is not valid (unknown or revoked)",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    request.state.token_name = name
    return name


Writer = Annotated[str, Depends(authorize_write)]


class AccessLog:
    """One log line per request: method, path (without the query string), status, milliseconds,
    and the token's name for writes. Headers are never logged, so neither is a token."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = {"code": 500}

        async def remember_status(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, remember_status)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                extra = {"method": scope["method"], "path": scope["path"], "status": status["code"],
                         "ms": round((time.perf_counter() - started) * 1000, 1)}
                token_name = scope.get("state", {}).get("token_name")
                if token_name:
                    extra["token_name"] = token_name
                access_log.info("%s %s %s", scope["method"], scope["path"], status["code"], extra=extra)
