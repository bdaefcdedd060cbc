"""MiniLM with int8 weights (`--embed-model minilm-int8`): about twice the ingest throughput on a CPU.

The fp32 ONNX export (ingest/onnx_model.py) gives the torch encoder's exact vectors. Dynamic
int8 quantisation of its matrix multiplications, per output channel, moves them a little
(cosine to fp32 about 0.99 on the shipped corpus, tests/test_onnx_int8.py) and roughly halves
the cost of embedding a passage. The vectors differ, so it is its own embedding model: an index
records it and refuses to mix it with fp32 chunks; questions to such an index use the same graph.
docs/performance.md has the throughput and the retrieval metrics of both.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ingest.onnx_model import (
    MANIFEST_FILE,
    ONNX_FILE,
    OnnxMiniLMEmbedder,
    ensure_export,
    link_into,
    machine_cache_dir,
    model_identity,
    models_dir,
    write_atomically,
)
from ingest.settings import Settings

NAME = "minilm-int8"
INT8_FILE = "minilm-int8.onnx"
INT8_MANIFEST = "minilm-int8.json"
# 7-bit weights (reduce_range): on CPUs without VNNI (AVX2 only) the int8 x uint8 products saturate in
# 16 bits; with 8-bit weights the worst of 1,000 real sentences fell to cosine 0.967 of fp32 there.
QUANTISATION = {"weights": "int8", "per_channel": True, "ops": ["MatMul"], "reduce_range": True}


def int8_identity() -> dict:
    """What the quantised graph was made from; a new fp32 export or recipe makes it stale."""
    return {**model_identity(), "quantisation": QUANTISATION}


def find_int8(index_dir: Path) -> Path | None:
    """The index's models folder if it holds a current int8 graph (and the tokenizer beside it)."""
    return _current_int8(models_dir(index_dir))


def _current_int8(folder: Path) -> Path | None:
    try:
        manifest = json.loads((folder / INT8_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return folder if (folder / INT8_FILE).is_file() and manifest == int8_identity() else None


def ensure_int8(settings: Settings) -> Path:
    """The index's int8 graph: linked from the machine cache when this machine made it before,
    else quantised from the index's fp32 export (exported first if need be; a few seconds, no
    torch when the fp32 export exists) and kept in the cache for the next index.
    Raises RuntimeError naming the index when it cannot."""
    found = find_int8(settings.index_dir)
    if found is not None:
        return found
    fp32 = ensure_export(replace(settings, embed_model="minilm"), None)
    if fp32 is None or not (fp32 / MANIFEST_FILE).is_file():
        raise RuntimeError(f"cannot write the int8 encoder into {models_dir(settings.index_dir)}: no fp32 export")
    cached = _current_int8(machine_cache_dir())
    if cached is not None and link_into(cached / INT8_FILE, fp32, INT8_FILE):
        _write_manifest(fp32)
        return fp32
    quantise(fp32)
    _to_machine_cache(fp32)
    return fp32


def _to_machine_cache(folder: Path) -> None:
    """Share the int8 graph with later indexes; a cache that cannot be written is only a lost shortcut."""
    cache = machine_cache_dir()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        if _current_int8(cache) is None and link_into(folder / INT8_FILE, cache, INT8_FILE):
            _write_manifest(cache)
    except OSError:
        return


def _write_manifest(folder: Path) -> None:
    """Last: a reader trusts the graph only with its manifest."""
    write_atomically(folder / INT8_MANIFEST, lambda tmp: tmp.write_text(json.dumps(int8_identity()), encoding="utf-8"))


def quantise(folder: Path) -> Path:
    """Write the int8 graph (and its manifest, last) beside the fp32 export in `folder`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    def quantise_into(tmp: Path) -> None:
        quantize_dynamic(
            str(folder / ONNX_FILE),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=QUANTISATION["per_channel"],
            reduce_range=QUANTISATION["reduce_range"],
            op_types_to_quantize=QUANTISATION["ops"],
        )

    write_atomically(folder / INT8_FILE, quantise_into)
    _write_manifest(folder)
    return folder


class Int8MiniLMEmbedder(OnnxMiniLMEmbedder):
    """The int8 graph, run exactly like the fp32 one (same tokenizer, pooling, normalisation)."""

    name = NAME
    # Dynamic quantisation scales activations over the whole batch, so a text batched with others gets a
    # vector that depends on them. One text per call makes the vector a function of the text alone, is
    # closer to fp32 (mean cosine 0.9955 on documents/ passages, 0.9953 in batches) and costs no more here.
    batch_size = 1

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, graph=INT8_FILE)
