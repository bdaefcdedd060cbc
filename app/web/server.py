"""One web process: the Gradio chat at / and POST /api/ask beside it, same engine.

Imported only by `scoqa serve` (FastAPI must resolve the route's Request type at
module level, so it is imported here rather than lazily)."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from app.web.live_engine import LiveEngine, NoIndexError
from ingest.settings import Settings


def build_app(settings: Settings, auth: tuple[str, str] | None = None, root_path: str = "") -> Any:
    """A FastAPI app with the API route and the Gradio UI mounted at /."""
    import gradio as gr

    from app.web.api import BadRequestError, answer_request
    from app.web.ui import CSS, HEAD, build_ui

    engine = LiveEngine(settings)
    api = FastAPI(title="SCO/CSTO Security Q&A", docs_url=None, redoc_url=None, openapi_url=None)

    @api.post("/api/ask")
    async def ask(request: Request) -> JSONResponse:
        if auth and not _basic_auth_ok(request.headers.get("authorization", ""), auth):
            return JSONResponse(
                {"error": "login required: send HTTP basic auth (curl -u USER:PASSWORD)"},
                status_code=401,
                headers={"WWW-Authenticate": "Basic"},
            )
        body = await request.body()
        try:
            return JSONResponse(await run_in_threadpool(answer_request, engine, body))
        except BadRequestError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        except NoIndexError as exc:
            return JSONResponse({"error": str(exc)}, status_code=503)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)

    demo = build_ui(engine)
    return gr.mount_gradio_app(
        api,
        demo,
        path="/",
        auth=auth,
        auth_message="SCO/CSTO Security Q&A: log in with the user and password given to scoqa serve --auth.",
        root_path=root_path or None,
        footer_links=[],
        show_error=True,
        max_file_size=f"{settings.tunables['max_upload_mb'] * 5}mb",  # hard cap; our own check names the limit below it
        css=CSS,
        head=HEAD,
    )


def _basic_auth_ok(header: str, auth: tuple[str, str]) -> bool:
    if not header.lower().startswith("basic "):
        return False
    try:
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return False
    return secrets.compare_digest(user, auth[0]) and secrets.compare_digest(password, auth[1])


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    root_path: str = "",
) -> None:
    """Run until interrupted."""
    import uvicorn

    app = build_app(settings, auth=auth, root_path=root_path)
    print(f"Serving the SCO/CSTO Q&A at http://{host}:{port}{root_path or ''}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", root_path=root_path or "")
