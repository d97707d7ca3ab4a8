"""Installable on a phone (issue 18 item 10): the web app manifest with its fields and
icons, colours taken from the site's stylesheet, the head tags on every page, the content
type it is served with, the CSP that allows it, and no service worker. The served portal is
checked in the browser by tests/e2e/test_cookie_banner_e2e.py."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image
from reflex.utils.precompressed_staticfiles import PrecompressedStaticFiles
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from kwportal.ui import install, routes
from kwportal.ui.headers import HeaderPolicy, SecurityHeaders, content_security_policy

ASSETS = Path(__file__).resolve().parents[2] / "assets"
ORIGIN = "http://localhost:3000"


def manifest() -> dict:
    return json.loads((ASSETS / install.MANIFEST.lstrip("/")).read_text(encoding="utf-8"))


def test_the_manifest_names_the_portal_and_opens_it_standalone() -> None:
    found = manifest()
    assert found["name"] == "KrachtWerkt portaal"
    assert 0 < len(found["short_name"]) <= 12
    assert found["start_url"] == routes.PORTAL
    assert found["display"] == "standalone"
    assert found["theme_color"] == install.THEME_COLOR
    assert found["background_color"] == install.BACKGROUND_COLOR


def test_the_colours_are_the_sites_own() -> None:
    css = (ASSETS / "kwportal.css").read_text(encoding="utf-8")
    header = css[css.index(".site-header {") :].split("}", 1)[0]
    body = css[css.index("body {") :].split("}", 1)[0]
    assert f"background: {install.THEME_COLOR}" in header
    assert f"background: {install.BACKGROUND_COLOR}" in body


def test_the_icons_exist_in_their_sizes_with_a_maskable_one() -> None:
    icons = manifest()["icons"]
    seen: set[tuple[str, str]] = set()
    for icon in icons:
        with Image.open(ASSETS / icon["src"].lstrip("/")) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG" and icon["type"] == "image/png"
        seen |= {(icon["sizes"], purpose) for purpose in icon["purpose"].split()}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= seen
    with Image.open(ASSETS / install.APPLE_TOUCH_ICON.lstrip("/")) as apple:
        assert apple.size == (180, 180) and apple.mode == "RGB"  # iOS: no transparency


def test_every_page_head_links_the_manifest_and_the_theme_colour() -> None:
    rendered = [str(tag.render()) for tag in install.head_tags()]
    assert any("manifest" in r and install.MANIFEST in r for r in rendered)
    assert any("theme-color" in r and install.THEME_COLOR in r for r in rendered)
    assert any("apple-touch-icon" in r and install.APPLE_TOUCH_ICON in r for r in rendered)
    source = (Path(__file__).resolve().parents[2] / "kwportal" / "kwportal.py").read_text()
    assert "*install.head_tags()" in source.split("head_components=[", 1)[1].split("]", 1)[0]


def test_the_manifest_is_served_as_a_manifest_and_allowed_by_the_policy(
    tmp_path: Path,
) -> None:
    (tmp_path / "manifest.webmanifest").write_bytes((ASSETS / "manifest.webmanifest").read_bytes())
    static = PrecompressedStaticFiles(directory=tmp_path, html=True, encodings=["gzip"])
    app = SecurityHeaders(Starlette(routes=[Mount("/", static)]), HeaderPolicy(ORIGIN, False))
    response = TestClient(app, base_url=ORIGIN).get(install.MANIFEST)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    assert json.loads(response.text)["start_url"] == routes.PORTAL
    assert "manifest-src 'self'" in content_security_policy(ORIGIN)


def test_no_service_worker_caches_anything() -> None:
    """Nothing personal is kept for offline use: no worker file, no registration."""
    assert not list(ASSETS.rglob("*worker*.js")) and not list(ASSETS.rglob("sw.js"))
    for script in ASSETS.rglob("*.js"):
        assert "serviceWorker" not in script.read_text(encoding="utf-8")
