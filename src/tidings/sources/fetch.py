"""The HTTP fetcher of record: httpx under an SSRF guard, politely, with limits.

* Safety: every hop (first request and each redirect) is checked after DNS resolution, and the
  connection itself is made to the checked address (a guarded httpcore network backend), so DNS
  rebinding between the check and the connect cannot reach a private address. Loopback, private,
  link-local (cloud metadata), multicast and reserved addresses are refused unless a network is
  allowed (`--allow-network CIDR`, `TIDINGS_ALLOW_NETWORKS`).
* Limits: timeouts, at most `max_redirects` hops, the body capped before AND after decompression
  (gzip / deflate are decoded here, chunk by chunk with `max_length`, so a gzip bomb never expands
  in memory beyond the limit).
* Politeness: one request at a time per origin (scheme, host, port), a delay between requests,
  robots.txt (RFC 9309, with Crawl-delay) and Retry-After honoured.
* Retries with exponential back-off and jitter on network errors, 429 and 5xx.
* Conditional GET: ETag / Last-Modified in, 304 out (`FetchResult.not_modified`).
"""
from __future__ import annotations

import ipaddress
import logging
import os
import random
import socket
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Iterator
from urllib.parse import urljoin, urlparse
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

log = logging.getLogger("tidings.fetch")

USER_AGENT = "tidings/0.1 (+https://github.com/tidings-news/tidings)"
ROBOTS_AGENT = "tidings"
MAX_RESPONSE_BYTES = 10 * 1024 * 1024  # after decompression
MAX_WIRE_BYTES = 10 * 1024 * 1024  # as transferred
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(20.0, connect=10.0)


class FetchError(Exception):
    """A URL could not be fetched; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None,
                 permanent: bool = False):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.permanent = permanent  # not worth retrying now (refused address, robots, 4xx)


# -- the SSRF guard ----------------------------------------------------------------------
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def allowed_networks(extra: list[str] | None = None) -> list[Network]:
    names = [n.strip() for n in os.environ.get("TIDINGS_ALLOW_NETWORKS", "").split(",") if n.strip()]
    names += [n for n in (extra or []) if n.strip()]
    return [ipaddress.ip_network(n.strip(), strict=False) for n in names]


def address_allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address, allow: list[Network]) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
    if any(address.version == net.version and address in net for net in allow):
        return True
    return address.is_global and not address.is_multicast


def resolve_checked(host: str, port: int, allow: list[Network]) -> list[str]:
    """The addresses a host resolves to, all of them checked; refuses if any is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address_allowed(address, allow):
            raise FetchError(f"refusing to fetch {host}: {address} is not a public address "
                             "(allow it with --allow-network or TIDINGS_ALLOW_NETWORKS)", permanent=True)
        if str(address) not in addresses:
            addresses.append(str(address))
    return addresses


def check_host(host: str, port: int, allow: list[Network]) -> None:
    resolve_checked(host, port, allow)


class _Refused(httpcore.ConnectError):
    pass


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that passed the guard (resolution and connect use one answer)."""

    def __init__(self, allow: list[Network]):
        self.allow = allow

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = resolve_checked(host, port, self.allow)
        except FetchError as exc:
            raise _Refused(str(exc)) from exc
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


def guarded_client(allow: list[Network], *, timeout: httpx.Timeout = TIMEOUT,
                   user_agent: str = USER_AGENT) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=0)
    transport._pool = httpcore.ConnectionPool(  # same pool httpx builds, with the guarded backend
        ssl_context=httpx.create_ssl_context(), max_connections=100, max_keepalive_connections=20,
        keepalive_expiry=5.0, retries=0, network_backend=GuardedBackend(allow))
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"})


# -- bodies ------------------------------------------------------------------------------
class _Decoder:
    """Content-Encoding gzip / deflate decoded with a bound on the output of every step."""

    def __init__(self, encoding: str):
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
            self._deflate_probe = True
        else:
            raise FetchError(f"unsupported content encoding {encoding!r}", permanent=True)

    def feed(self, data: bytes, room: int) -> bytes:
        """Decompressed bytes of `data`, at most room + 1 of them (more means over the limit)."""
        if self._z is None:
            return data
        if getattr(self, "_deflate_probe", False):
            self._deflate_probe = False
            if data and (data[0] & 0x0F) != 8:  # raw deflate without the zlib header
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        out = bytearray()
        try:
            chunk = self._z.decompress(data, room + 1)
            out += chunk
            while self._z.unconsumed_tail and len(out) <= room:
                out += self._z.decompress(self._z.unconsumed_tail, room + 1 - len(out))
        except zlib.error as exc:
            raise FetchError(f"corrupt compressed response: {exc}") from exc
        return bytes(out)


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


@dataclass
class FetchResult:
    url: str  # final URL after redirects
    status: int
    body: bytes
    headers: dict[str, str]
    not_modified: bool = False
    redirects: list[str] = field(default_factory=list)
    wire_bytes: int = 0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


# -- politeness ------------------------------------------------------------------------
def origin(url: str) -> str:
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return f"{parsed.scheme}://{(parsed.hostname or '').lower()}:{port}"


class HostGate:
    """One request at a time per origin, `delay` seconds apart (or more: Crawl-delay, Retry-After)."""

    def __init__(self, delay: float = 1.0):
        self.delay = delay
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self.delays: dict[str, float] = {}  # per-origin delay (robots.txt Crawl-delay)

    def _host_lock(self, key: str) -> threading.Lock:
        with self._lock:
            return self._locks.setdefault(key, threading.Lock())

    @contextmanager
    def slot(self, key: str, *, deadline: float) -> Iterator[None]:
        lock = self._host_lock(key)
        if not lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise FetchError(f"timed out waiting for a turn at {key}")
        try:
            wait = self._next.get(key, 0.0) - time.monotonic()
            if wait > 0:
                if time.monotonic() + wait > deadline:
                    raise FetchError(f"{key} asked us to wait {wait:.0f} s", retry_after=wait)
                time.sleep(wait)
            yield
        finally:
            self._next[key] = max(self._next.get(key, 0.0),
                                  time.monotonic() + max(self.delay, self.delays.get(key, 0.0)))
            lock.release()

    def hold_off(self, key: str, seconds: float) -> None:
        self._next[key] = max(self._next.get(key, 0.0), time.monotonic() + seconds)


# -- the fetcher -----------------------------------------------------------------------
class Fetcher:
    """Thread-safe: many sources are fetched at once, one request at a time per origin."""

    def __init__(self, *, allow: list[str] | None = None, delay: float = 1.0, retries: int = 2,
                 backoff: float = 0.5, max_retry_wait: float = 30.0, max_bytes: int = MAX_RESPONSE_BYTES,
                 max_wire_bytes: int = MAX_WIRE_BYTES, max_redirects: int = MAX_REDIRECTS,
                 timeout: httpx.Timeout | float = TIMEOUT, robots: bool = True, user_agent: str = USER_AGENT,
                 request_deadline: float = 120.0):
        self.networks = allowed_networks(allow)
        timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.client = guarded_client(self.networks, timeout=timeout, user_agent=user_agent)
        self.gate = HostGate(delay)
        self.retries = retries
        self.backoff = backoff
        self.max_retry_wait = max_retry_wait
        self.max_bytes = max_bytes
        self.max_wire_bytes = max_wire_bytes
        self.max_redirects = max_redirects
        self.robots_enabled = robots
        self.request_deadline = request_deadline
        self._robots: dict[str, tuple[float, RobotFileParser | None, bool]] = {}
        self._robots_lock = threading.Lock()
        self._robots_loading: dict[str, threading.Lock] = {}
        self._stats_lock = threading.Lock()
        self.requests = 0
        self.bodies = 0  # responses that carried a body (not 304)
        self.wire_bytes = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- robots.txt -------------------------------------------------------------------
    def allowed_by_robots(self, url: str) -> bool:
        if not self.robots_enabled:
            return True
        key = origin(url)
        with self._robots_lock:
            loading = self._robots_loading.setdefault(key, threading.Lock())
        with loading:  # one robots.txt request per origin, however many threads ask
            cached = self._robots.get(key)
            if cached is None or cached[0] < time.monotonic():
                cached = self._load_robots(key)
                self._robots[key] = cached
        _expires, parser, allow_all = cached
        if parser is None:
            return allow_all
        return parser.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, key: str) -> tuple[float, RobotFileParser | None, bool]:
        """RFC 9309: 2xx -> rules; 4xx -> no rules (allow all); 5xx or unreachable -> disallow all."""
        now = time.monotonic()
        try:
            result = self._get(key + "/robots.txt", None, None, robots=False, max_bytes=500_000, retries=0)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return now + 86400, None, True
            if exc.permanent:  # a refused address: the page fetch will say so
                return now + 600, None, True
            return now + 600, None, False
        parser = RobotFileParser()
        parser.parse(result.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self.gate.delays[key] = min(float(delay), 60.0)
        return now + 86400, parser, True

    # -- GET ----------------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> FetchResult:
        """GET politely and safely; raises FetchError (with .status / .retry_after) when it cannot."""
        return self._get(url, etag, last_modified, robots=True, max_bytes=max_bytes or self.max_bytes,
                         retries=self.retries)

    def _get(self, url: str, etag: str | None, last_modified: str | None, *, robots: bool, max_bytes: int,
             retries: int) -> FetchResult:
        deadline = time.monotonic() + self.request_deadline
        attempt = 0
        while True:
            try:
                return self._follow(url, etag, last_modified, robots=robots, max_bytes=max_bytes, deadline=deadline)
            except FetchError as exc:
                retryable = not exc.permanent and (exc.status is None or exc.status == 429 or exc.status >= 500)
                if not retryable or attempt >= retries:
                    raise
                wait = exc.retry_after if exc.retry_after is not None else self.backoff * (2 ** attempt)
                wait *= 1.0 if exc.retry_after is not None else random.uniform(0.8, 1.2)
                if wait > self.max_retry_wait or time.monotonic() + wait > deadline:
                    raise
                log.info("retrying %s in %.1f s (%s)", url, wait, exc)
                attempt += 1
                if exc.retry_after is None:
                    time.sleep(wait)  # a Retry-After wait happens in the host gate

    def _follow(self, url: str, etag: str | None, last_modified: str | None, *, robots: bool, max_bytes: int,
                deadline: float) -> FetchResult:
        redirects: list[str] = []
        for _hop in range(self.max_redirects + 1):
            parsed = urlparse(url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise FetchError(f"not an http(s) URL: {url}", permanent=True)
            check_host(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80), self.networks)
            if robots and not self.allowed_by_robots(url):
                raise FetchError(f"robots.txt disallows {url}", permanent=True)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            key = origin(url)
            with self.gate.slot(key, deadline=deadline):
                result = self._request(url, headers, max_bytes, key)
            if 300 <= result.status < 400 and result.status != 304:
                location = result.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {result.status} without Location from {url}", status=result.status)
                redirects.append(url)
                url = urljoin(url, location)
                continue
            result.redirects = redirects
            return result
        raise FetchError(f"too many redirects (more than {self.max_redirects}) from {redirects[0]}", permanent=True)

    def _request(self, url: str, headers: dict[str, str], max_bytes: int, key: str) -> FetchResult:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                with self._stats_lock:
                    self.requests += 1
                status = response.status_code
                head = {k.lower(): v for k, v in response.headers.items()}
                if status in (429, 503) or (status >= 500):
                    wait = retry_after_seconds(head.get("retry-after"))
                    if wait is not None:
                        self.gate.hold_off(key, min(wait, 86400))
                    raise FetchError(f"HTTP {status} for {url}" + (f" (Retry-After {wait:.0f} s)" if wait else ""),
                                     status=status, retry_after=wait)
                if status >= 400:
                    raise FetchError(f"HTTP {status} for {url}", status=status, permanent=True)
                if status == 304 or 300 <= status < 400:
                    return FetchResult(str(response.url), status, b"", head, not_modified=status == 304)
                declared = head.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_wire_bytes:
                    raise FetchError(f"response from {url} is {int(declared) // 2**20} MB, over the limit",
                                     permanent=True)
                decoder = _Decoder(head.get("content-encoding", ""))
                body = bytearray()
                wire = 0
                for chunk in response.iter_raw():
                    wire += len(chunk)
                    if wire > self.max_wire_bytes:
                        raise FetchError(f"response from {url} exceeds {self.max_wire_bytes // 2**20} MB", permanent=True)
                    body += decoder.feed(chunk, max_bytes - len(body))
                    if len(body) > max_bytes:
                        raise FetchError(f"response from {url} exceeds {max_bytes // 2**20} MB after decompression "
                                         "(refused)", permanent=True)
                with self._stats_lock:
                    self.bodies += 1
                    self.wire_bytes += wire
                return FetchResult(str(response.url), status, bytes(body), head, wire_bytes=wire)
        except httpx.HTTPError as exc:
            refused = isinstance(exc.__context__, _Refused) or "not a public address" in str(exc)
            raise FetchError(f"{type(exc).__name__} fetching {url}: {exc}", permanent=refused) from exc
