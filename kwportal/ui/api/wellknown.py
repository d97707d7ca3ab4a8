"""Public, unauthenticated documents: the key that checks our signatures."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kwportal.services import signing


async def signing_key(request: Request) -> Response:
    return JSONResponse(
        signing.public_jwks(),
        headers={"Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*"},
    )


def routes() -> list[BaseRoute]:
    return [Route(signing.WELL_KNOWN_PATH, signing_key, methods=["GET"])]
