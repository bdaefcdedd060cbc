"""Which encoder embeds questions and passages for an index: ONNX (fp32 or int8) on the CPU where
the index has the export, torch otherwise (an old index, a CUDA GPU, the multilingual model)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ingest.embedding import Embedder, get_embedder, resolve_device
from ingest.onnx_int8 import Int8MiniLMEmbedder, ensure_int8
from ingest.onnx_model import OnnxMiniLMEmbedder, ensure_export, find_export
from ingest.settings import Settings

log = logging.getLogger(__name__)
_LOADED: dict[tuple[Path, str], OnnxMiniLMEmbedder] = {}  # (folder, "fp32" or "int8")
_LOCK = threading.Lock()


def query_embedder(settings: Settings) -> Embedder:
    """The encoder for questions (and the composer's sentences): ONNX where the index has it."""
    if settings.embed_model == "minilm-int8":
        folder = ensure_int8(settings)  # written by the ingest that built the index; rewritten if lost
        with _LOCK:
            if (folder, "int8") not in _LOADED:
                _LOADED[(folder, "int8")] = Int8MiniLMEmbedder(folder)
            return _LOADED[(folder, "int8")]
    if settings.embed_model == "minilm":
        folder = find_export(settings.index_dir)
        if folder is not None:
            try:
                with _LOCK:
                    if (folder, "fp32") not in _LOADED:
                        _LOADED[(folder, "fp32")] = OnnxMiniLMEmbedder(folder)
                    return _LOADED[(folder, "fp32")]
            except Exception as exc:  # a broken file or runtime must not stop answering
                log.warning("cannot use the ONNX encoder in %s (%s); loading torch instead", folder, exc)
    return get_embedder(settings.embed_model)


def ingest_embedder(settings: Settings, device: str = "auto") -> Embedder:
    """The encoder a refresh embeds passages with.

    On the CPU that is the ONNX export (exported first if need be): the very vectors of the
    fp32 torch encoder, so an index needs no new signature and old and new chunks mix, and no
    torch at all once the export exists; a whole ingest runs about twice as fast as with torch
    (docs/performance.md). On a CUDA GPU it is torch on the GPU. An index built with
    `minilm-int8` embeds with the int8 graph (ingest/onnx_int8.py), on the CPU only.
    """
    if settings.embed_model == "minilm-int8":
        if device == "cuda":
            raise ValueError("--device cuda: minilm-int8 runs on the CPU; use --device auto or cpu")
        return query_embedder(settings)
    if settings.embed_model != "minilm":
        return get_embedder(settings.embed_model)
    device = resolve_device(device)
    if device != "cpu":
        return get_embedder("minilm", device=device)
    ensure_export(settings, None)
    return query_embedder(settings)
