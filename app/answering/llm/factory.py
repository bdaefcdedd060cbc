"""Open the backend a parsed `--llm` spec names (kept apart from backends.py, which local.py builds on)."""

from __future__ import annotations

import os

from app.answering.llm.backends import MAX_CONTEXT, ChatBackend, LlamaIndexBackend, LLMSpec
from app.answering.llm.local import LocalBackend


def open_backend(spec: LLMSpec, threads: int | None = None) -> ChatBackend:
    """Build the backend for a parsed spec (the local model is loaded here, once per process)."""
    if spec.kind == "local":
        return LocalBackend(spec, threads=threads)
    if spec.kind == "ollama":
        from llama_index.llms.ollama import Ollama

        llm = Ollama(model=spec.model, base_url=spec.url, request_timeout=spec.timeout, temperature=0.1)
        return LlamaIndexBackend(spec, llm)
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(
        model=spec.model,
        api_base=spec.url,
        api_key=os.environ.get("SCOQA_LLM_API_KEY") or "not-needed",  # local servers accept any key
        is_chat_model=True,  # the default False would post to /v1/completions
        context_window=MAX_CONTEXT,
        timeout=spec.timeout,
        max_retries=0,  # fail fast with a clear message; the extractive answer is shown meanwhile
        temperature=0.1,
    )
    return LlamaIndexBackend(spec, llm)
