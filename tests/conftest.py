"""Shared fixtures. Feature test modules may add their own fixtures in their
own files; keep this one small."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
INTEROP = ROOT.parent / "shared" / "interop-samples"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _pag_cache_dir(tmp_path_factory, monkeypatch) -> None:
    """Caches go to the test session's temporary folder, never to ~/.cache."""
    monkeypatch.setenv("PAG_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "pag-cache"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli():
    """The click group (from the top-level cli.py or the installed graph.cli)."""
    from graph.__main__ import load_cli

    return load_cli().pag


@pytest.fixture
def tiny() -> Path:
    """A two-source debate: tests/fixtures/tiny.trig."""
    return FIXTURES / "tiny.trig"


@pytest.fixture
def tiny_db(tmp_path, tiny) -> Path:
    """tiny.trig loaded into an on-disk Oxigraph store (closed; its folder)."""
    from graph.stores import OxigraphStore

    path = tmp_path / "db"
    store = OxigraphStore(path)
    store.load([tiny])
    store.close()
    # the first read-write open after a load clears RocksDB's spent logs
    OxigraphStore(path).close()
    return path


@pytest.fixture
def tiny_texts() -> Path:
    return FIXTURES / "texts"


@pytest.fixture
def seeds() -> Path:
    """../shared/seeds: the captured texts of the bundled corpus."""
    if not SEEDS.is_dir():
        if IN_CI:
            pytest.fail(f"{SEEDS} is missing: CI must run beside shared/")
        pytest.skip("../shared/seeds not present")
    return SEEDS


@pytest.fixture
def interop_samples() -> Path:
    if not INTEROP.is_dir():
        if IN_CI:
            pytest.fail(f"{INTEROP} is missing: CI must run beside shared/")
        pytest.skip("../shared/interop-samples not present")
    return INTEROP


def require(component: str, available: bool) -> None:
    """Skip a test whose component is missing — but fail under CI=true."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{component} is required under CI=true but is missing")
    pytest.skip(f"{component} not available")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@contextlib.contextmanager
def chromium(window: str = "1400,900", logs: tuple[str, ...] = ()) -> Iterator[Any]:
    """A headless Chromium (Selenium) with no network extras and its own profile,
    quit and removed afterwards; ``logs``: the logging kinds to keep (``browser``,
    ``performance``). Skips when it is missing — but fails under CI=true."""
    require("chromium", CHROMIUM is not None)
    require("chromedriver", CHROMEDRIVER is not None)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:  # pragma: no cover
        require("selenium", False)
    opts = webdriver.ChromeOptions()
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--window-size={window}",
    ):  # fmt: skip
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="pag-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.binary_location = CHROMIUM
    if logs:
        opts.set_capability("goog:loggingPrefs", dict.fromkeys(logs, "ALL"))
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
