"""One web process: the Gradio chat at / and POST /api/ask beside it, same engine.

Imported only by `scoqa serve` (FastAPI must resolve the route's Request type at
module level, so it is imported here rather than lazily)."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response, StreamingResponse

from app.web.live_engine import LiveEngine, NoIndexError
from app.web.security import CONTENT_SECURITY_POLICY, LoginThrottle, foreign_files, gradio_upload_folder
from ingest.onnx_model import set_model_threads
from ingest.settings import Settings


def build_app(
    settings: Settings, auth: tuple[str, str] | None = None, root_path: str = "", llm: Any = None, workers: int = 1
) -> Any:
    """A FastAPI app with the API route and the Gradio UI mounted at /; `llm` a language-model backend or None;
    `workers` > 1 answers in that many processes, stopped with the app (or by `app.state.live_engine.close()`)."""
    import gradio as gr

    from app.web.look import CSS, FAVICON_SVG, head, theme
    from app.web.ui import build_ui

    # Parallel chats come from concurrent requests (chat_concurrency), not from threads inside one
    # model call: on a loaded machine those spin on each other and a 15 ms query embedding takes 250 ms.
    set_model_threads(settings.tunables["serve_torch_threads"])  # ONNX, and torch if ever needed (no export)
    engine = LiveEngine(settings, llm, workers=workers)
    with suppress(NoIndexError):  # no index yet: they start at the first question after it is built
        engine.start_workers()  # they open their engines while the page loads
    throttle = LoginThrottle(settings.tunables["login_attempts_per_minute"])

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        yield
        engine.close()  # uvicorn runs this on SIGTERM and Ctrl+C before it re-raises the signal

    api = FastAPI(title="SCO/CSTO Security Q&A", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    api.middleware("http")(guard(throttle))
    api.post("/api/ask")(ask_route(engine, auth, throttle))
    api.get("/favicon.ico", include_in_schema=False)(lambda: Response(FAVICON_SVG, media_type="image/svg+xml"))
    demo = build_ui(engine)
    app = gr.mount_gradio_app(
        api,
        demo,
        path="/",
        auth=auth,
        auth_message="SCO/CSTO Security Q&A: log in with the user and password given to scoqa serve --auth.",
        root_path=root_path or None,
        footer_links=[],
        show_error=True,
        max_file_size=f"{settings.tunables['max_upload_mb'] * 5}mb",  # hard cap; our own check names the limit
        css=CSS,
        head=head(),
        theme=theme(),
    )
    # Mounted apps never "launch", which switches off Gradio's own check that event files are
    # uploads; switch it back on (our middleware checks the same before Gradio sees the event).
    demo.has_launched = True
    app.state.live_engine = engine
    return app


def ask_route(engine: LiveEngine, auth: tuple[str, str] | None, throttle: LoginThrottle) -> Any:
    """The POST /api/ask handler: login, size limit, validation, then the engine off the event loop."""
    from app.web.api import BadRequestError, TooLargeError, answer_call, parse_ask_call, wants_llm
    from app.web.stream import stream_events

    limit = engine.settings.tunables["max_body_kb"] * 1024

    def respond(body: bytes) -> Any:
        call = parse_ask_call(body, engine.settings.tunables)
        if not call.stream:
            return answer_call(engine, call)
        wants_llm(engine, call)  # a 400 now rather than an error event later
        engine.get()  # a 503 now if there is no index
        return StreamingResponse(
            stream_events(engine, call), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    async def ask(request: Request) -> Response:
        client = request.client.host if request.client else "unknown"
        if auth and not _basic_auth_ok(request.headers.get("authorization", ""), auth):
            if request.headers.get("authorization"):
                throttle.failed(client)
            return JSONResponse(
                {"error": "login required: send HTTP basic auth (curl -u USER:PASSWORD)"},
                status_code=401,
                headers={"WWW-Authenticate": "Basic"},
            )
        body = await read_limited(request, limit)
        if body is None:
            return JSONResponse({"error": f"the body is over {limit // 1024} KB; send a shorter request"}, 413)
        try:
            result = await run_in_threadpool(respond, body)
            return result if isinstance(result, Response) else JSONResponse(result)
        except TooLargeError as exc:
            return JSONResponse({"error": str(exc)}, status_code=413)
        except BadRequestError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        except NoIndexError as exc:
            return JSONResponse({"error": str(exc)}, status_code=503)

    return ask


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it passes `limit` bytes (a 50 MB body is never held)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def guard(throttle: LoginThrottle) -> Any:
    """Middleware: rate-limit failed logins per client, and send the Content-Security-Policy."""

    async def middleware(request: Request, call_next: Any) -> Response:
        client = request.client.host if request.client else "unknown"
        is_login = request.method == "POST" and request.url.path.rstrip("/").endswith("/login")
        is_api = request.url.path.rstrip("/").endswith("/api/ask") and "authorization" in request.headers
        if (is_login or is_api) and (wait := throttle.retry_after(client)):
            return JSONResponse(
                {"error": f"too many failed logins; try again in {wait:.0f} s"},
                status_code=429,
                headers={"Retry-After": str(int(wait) + 1)},
            )
        if request.method == "POST" and "/gradio_api/" in request.url.path and "/upload" not in request.url.path:
            refused = await _foreign_files(request)
            if refused:
                return JSONResponse({"error": f"refused: {refused[0]!r} was not uploaded through this page"}, 403)
        response = await call_next(request)
        if is_login and response.status_code in (400, 401):
            throttle.failed(client)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return middleware


async def _foreign_files(request: Request) -> list[str]:
    """File paths or URLs a Gradio event names that are not uploads (see security.foreign_files)."""
    body = await request.body()
    if b'"path"' not in body:
        return []
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return []  # not JSON: Gradio refuses it itself
    return foreign_files(payload, gradio_upload_folder())


def _basic_auth_ok(header: str, auth: tuple[str, str]) -> bool:
    if not header.lower().startswith("basic "):
        return False
    try:
        user, _, password = base64.b64decode(header[6:], validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError, binascii.Error):
        return False
    return secrets.compare_digest(user.encode(), auth[0].encode()) and secrets.compare_digest(
        password.encode(), auth[1].encode()
    )


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    root_path: str = "",
    llm: Any = None,
    workers: int = 1,
) -> None:
    """Run until interrupted; the answer workers stop with the server."""
    import uvicorn

    app = build_app(settings, auth=auth, root_path=root_path, llm=llm, workers=workers)
    where = f"http://{host}:{port}{root_path or ''}/"
    answering = f", answering in {workers} worker processes" if workers > 1 else ""
    print(f"Serving the SCO/CSTO Q&A at {where}{answering} (Ctrl+C to stop)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", root_path=root_path or "")
    finally:
        app.state.live_engine.close()  # also here in case uvicorn never reached its lifespan
