"""End-to-end set-up: `tidings serve` on a free loopback port over the mini corpus plus two
articles written for these tests (Arabic, English), driven by Debian's Chromium through Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium (TIDINGS_CHROMIUM overrides).
Without Chromium the tests skip on a workstation but FAIL under CI=true.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tidings.pipeline import Pipeline
from tidings.store import open_store

from tests.conftest import new_store_url

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CHROMIUM = os.environ.get("TIDINGS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (required under CI=true: .ci/run installs Debian's chromium)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def e2e_store_url(tmp_path_factory) -> str:
    url = new_store_url(tmp_path_factory.mktemp("e2e"), "e2e")
    store = open_store(url)
    Pipeline(store).ingest([str(FIXTURES / "mini"), str(FIXTURES / "e2e")])
    store.close_all()
    return url


@pytest.fixture(scope="session")
def base_url(e2e_store_url) -> str:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "tidings.cli", "serve", "--db", e2e_store_url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode(errors="replace"))
                time.sleep(0.1)
        else:
            raise RuntimeError("tidings serve did not answer /healthz")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _missing(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="en-US")
        try:
            yield context
        finally:
            context.close()


@pytest.fixture()
def page(browser_context, base_url):
    """A fresh tab that records every request, so that tests can check nothing leaves 127.0.0.1."""
    tab = browser_context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    tab.set_default_timeout(15_000)
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    folder = os.environ.get("TIDINGS_E2E_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
