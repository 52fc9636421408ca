"""A local web site on 127.0.0.1 for the live-ingestion tests: routes set per test, requests logged."""
from __future__ import annotations

import hashlib
import http.server
import threading
from typing import Callable


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Callable[["Handler"], None] | tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []  # method, path, headers, body
        self.lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.site = self  # type: ignore[attr-defined]
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def hits(self, path: str, method: str = "GET") -> list[tuple[str, str, dict[str, str], bytes]]:
        with self.lock:
            return [r for r in self.requests if r[1] == path and r[0] == method]

    def static(self, path: str, body: bytes, content_type: str = "application/rss+xml", *, etag: bool = True,
               headers: dict[str, str] | None = None) -> None:
        """Serve a body with an ETag and Last-Modified, answering 304 to matching conditional GETs."""
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'

        def handle(h: Handler) -> None:
            if etag and h.headers.get("If-None-Match") == tag:
                h.reply(304, {"ETag": tag}, b"")
                return
            extra = {"Content-Type": content_type, **(headers or {})}
            if etag:
                extra.update({"ETag": tag, "Last-Modified": "Mon, 17 Nov 2025 10:00:00 GMT"})
            h.reply(200, extra, body)

        self.routes[path] = handle


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def _serve(self, method: str) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.requests.append((method, path, {k: v for k, v in self.headers.items()}, body))
        route = site.routes.get(path)
        if route is None:
            self.reply(404, {"Content-Type": "text/plain"}, b"not found")
        elif callable(route):
            route(self)
        else:
            status, headers, content = route
            self.reply(status, headers, content)

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers and status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and status != 304:
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def rss(title: str, items: list[tuple[str, str, str]], *, encoding: str = "utf-8", declare: str | None = "utf-8",
        lang: str = "en") -> bytes:
    """An RSS 2.0 feed; items are (guid/link, title, description)."""
    head = f'<?xml version="1.0" encoding="{declare}"?>\n' if declare else ""
    parts = [f"{head}<rss version=\"2.0\"><channel><title>{title}</title><language>{lang}</language>"]
    for link, item_title, text in items:
        parts.append(f"<item><title>{item_title}</title><link>{link}</link><guid>{link}</guid>"
                     f"<pubDate>Mon, 17 Nov 2025 09:00:00 GMT</pubDate><description>{text}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode(encoding)


def page(title: str, paragraphs: list[str], lang: str = "en") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")
