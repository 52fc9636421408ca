"""URLs -> raw articles, fetched with httpx under a guard against server-side request forgery.

Every hop (the first request and each redirect) is resolved and checked: loopback, private,
link-local, multicast and reserved addresses are refused unless the user allows a network.
"""
from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urljoin, urlparse

import httpx

from ..model import RawArticle

MAX_RESPONSE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
USER_AGENT = "tidings/0.1 (+https://github.com/tidings-news/tidings)"


class FetchError(Exception):
    pass


def allowed_networks(extra: list[str] | None = None) -> list[ipaddress._BaseNetwork]:
    names = [n.strip() for n in os.environ.get("TIDINGS_ALLOW_NETWORKS", "").split(",") if n.strip()]
    names += extra or []
    return [ipaddress.ip_network(n, strict=False) for n in names]


def check_host(host: str, port: int, allow: list[ipaddress._BaseNetwork]) -> None:
    """Refuse a host that resolves to a non-public address (unless explicitly allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if any(address in net for net in allow):
            continue
        if not address.is_global or address.is_multicast:
            raise FetchError(f"refusing to fetch {host}: {address} is not a public address "
                             "(allow it with --allow-network or TIDINGS_ALLOW_NETWORKS)")


def fetch(url: str, *, allow: list[str] | None = None, client: httpx.Client | None = None) -> tuple[str, bytes, str]:
    """GET a URL safely; returns (final URL, body, content type)."""
    networks = allowed_networks(allow)
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}, follow_redirects=False)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            parsed = urlparse(url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise FetchError(f"not an http(s) URL: {url}")
            check_host(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80), networks)
            with client.stream("GET", url) as response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("location", ""))
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} for {url}")
                body = bytearray()
                for chunk in response.iter_bytes():  # decompressed bytes: the limit bounds gzip bombs too
                    body.extend(chunk)
                    if len(body) > MAX_RESPONSE_BYTES:
                        raise FetchError(f"response from {url} exceeds {MAX_RESPONSE_BYTES // 2**20} MB")
                return str(response.url), bytes(body), response.headers.get("content-type", "")
        raise FetchError(f"too many redirects from {url}")
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__} fetching {url}: {exc}") from exc
    finally:
        if own:
            client.close()


def sniff_format(url: str, body: bytes, content_type: str) -> str:
    head = body[:512].lstrip().lower()
    if "xml" in content_type or head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<opml")):
        return "opml" if b"<opml" in body[:2048].lower() else "feed"
    if "json" in content_type and not head.startswith(b"<"):
        return "jsonl"
    return "html"


def read_url(url: str, *, allow: list[str] | None = None) -> RawArticle:
    final, body, content_type = fetch(url, allow=allow)
    return RawArticle(locator=final, format=sniff_format(final, body, content_type), content=body,
                      meta={"url": final, "content_type": content_type})
