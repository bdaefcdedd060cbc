"""`--llm`, `--llm-url` and `--llm-timeout`, shared by ask, chat, serve, eval and status.

The spec is parsed (and refused with the accepted forms) before any model loads;
`open_llm_or_fail` builds the backend, and `llm_status` probes it for `scoqa status`.
"""

from __future__ import annotations

import functools
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import click

from app.answering.llm.backends import DEFAULT_TIMEOUT, LLMSpec, parse_spec
from app.cli.options import fail


def llm_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--llm/--llm-url/--llm-timeout, passed to the command as `llm` (an LLMSpec, or None)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        spec, url, timeout = kwargs.pop("llm_spec"), kwargs.pop("llm_url"), kwargs.pop("llm_timeout")
        try:
            kwargs["llm"] = parse_spec(spec, url, timeout) if spec else None
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        if url and not spec:
            raise click.UsageError("--llm-url needs --llm (e.g. --llm ollama:llama3.2)")
        return func(*args, **kwargs)

    options = [
        click.option(
            "--llm",
            "llm_spec",
            envvar="SCOQA_LLM",
            metavar="SPEC",
            help="Write answers with a language model, every sentence checked against its sources: "
            "ollama:MODEL, openai:MODEL (any OpenAI-compatible server) or local[:PATH.gguf] "
            "(SmolLM2-135M in-process). Env: SCOQA_LLM. See docs/llm.md.",
        ),
        click.option(
            "--llm-url",
            envvar="SCOQA_LLM_URL",
            help="The model server's base URL (ollama default http://127.0.0.1:11434; openai: e.g. "
            "http://127.0.0.1:8000/v1). Env: SCOQA_LLM_URL; API key: SCOQA_LLM_API_KEY.",
        ),
        click.option(
            "--llm-timeout",
            type=click.FloatRange(min=1),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            envvar="SCOQA_LLM_TIMEOUT",
            help="Seconds to wait for the model before showing the quoted answer. Env: SCOQA_LLM_TIMEOUT.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def open_llm_or_fail(spec: LLMSpec | None) -> Any:
    """The backend for a spec (None for none), or exit with what went wrong."""
    if spec is None:
        return None
    from app.answering.llm.backends import BackendError
    from app.answering.llm.factory import open_backend

    try:
        return open_backend(spec)
    except (BackendError, ValueError) as exc:
        fail(str(exc))


def llm_status(spec: LLMSpec | None, timeout: float = 3.0) -> dict[str, Any]:
    """What `scoqa status` says about the language model: which, where, and whether it answers."""
    if spec is None:
        return {"llm": None, "detail": "none: answers are quotes (add --llm to write them with a model)"}
    status: dict[str, Any] = {"llm": spec.label, "url": spec.url, "timeout_s": spec.timeout}
    if spec.kind == "local":
        status.update(path=spec.model, reachable=True, detail="runs in this process")
        return status
    probe = f"{spec.url}/api/show" if spec.kind == "ollama" else f"{spec.url}/models"
    try:
        if spec.kind == "ollama":
            data = json.dumps({"model": spec.model}).encode()
            request = urllib.request.Request(probe, data=data, headers={"Content-Type": "application/json"})
        else:
            request = urllib.request.Request(probe, headers=_auth_header())
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(1 << 20)
        status.update(reachable=True, detail=f"answers at {probe}")
    except urllib.error.HTTPError as exc:
        status.update(reachable=False, detail=f"{probe} answered HTTP {exc.code} (is the model name right?)")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        status.update(reachable=False, detail=f"cannot reach {probe}: {reason}")
    return status


def _auth_header() -> dict[str, str]:
    import os

    key = os.environ.get("SCOQA_LLM_API_KEY")
    return {"Authorization": f"Bearer {key}"} if key else {}
