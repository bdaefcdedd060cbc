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
    model_identity,
    models_dir,
    write_atomically,
)
from ingest.settings import Settings

NAME = "minilm-int8"
INT8_FILE = "minilm-int8.onnx"
INT8_MANIFEST = "minilm-int8.json"
QUANTISATION = {"weights": "int8", "per_channel": True, "ops": ["MatMul"]}


def int8_identity() -> dict:
    """What the quantised graph was made from; a new fp32 export or recipe makes it stale."""
    return {**model_identity(), "quantisation": QUANTISATION}


def find_int8(index_dir: Path) -> Path | None:
    """The index's models folder if it holds a current int8 graph (and the tokenizer beside it)."""
    folder = models_dir(index_dir)
    try:
        manifest = json.loads((folder / INT8_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return folder if (folder / INT8_FILE).is_file() and manifest == int8_identity() else None


def ensure_int8(settings: Settings) -> Path:
    """Quantise the index's fp32 export (exporting it first if need be); a few seconds, no torch
    when the fp32 export exists. Raises RuntimeError naming the index when it cannot."""
    found = find_int8(settings.index_dir)
    if found is not None:
        return found
    fp32 = ensure_export(replace(settings, embed_model="minilm"), None)
    if fp32 is None or not (fp32 / MANIFEST_FILE).is_file():
        raise RuntimeError(f"cannot write the int8 encoder into {models_dir(settings.index_dir)}: no fp32 export")
    return quantise(fp32)


def quantise(folder: Path) -> Path:
    """Write the int8 graph (and its manifest, last) beside the fp32 export in `folder`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    def quantise_into(tmp: Path) -> None:
        quantize_dynamic(
            str(folder / ONNX_FILE),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=QUANTISATION["per_channel"],
            op_types_to_quantize=QUANTISATION["ops"],
        )

    write_atomically(folder / INT8_FILE, quantise_into)
    # Last: a reader trusts the graph only with its manifest.
    write_atomically(folder / INT8_MANIFEST, lambda tmp: tmp.write_text(json.dumps(int8_identity()), encoding="utf-8"))
    return folder


class Int8MiniLMEmbedder(OnnxMiniLMEmbedder):
    """The int8 graph, run exactly like the fp32 one (same tokenizer, pooling, normalisation)."""

    name = NAME

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, graph=INT8_FILE)
