"""Padded batches of tokenised texts, grouped by length, for the ONNX encoder.

A batch is padded to its longest text, and attention costs the square of that length, so
texts of like length go together: over all the passages of documents/, sorting the whole
set by token count pads 47,600 tokens where batches of one document at a time padded 55,900.
Padding is masked out, so a text's vector does not depend on its batch (fp32 graph). Batches are
also capped in padded tokens: on this machine's CPU, batches of 32 passages took about 20 % more CPU
time than the same passages 4 or 5 at a time (their attention matrices no longer fit the caches).
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


def length_batches(
    token_ids: Sequence[Sequence[int]], batch_size: int, pad_id: int, max_tokens: int = 0
) -> Iterator[TokenBatch]:
    """Longest texts first, each batch padded with `pad_id` to its longest row and holding at most
    `batch_size` rows and, when `max_tokens` is set, at most that many padded tokens (but one row at least)."""
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, not {batch_size}")
    order = sorted(range(len(token_ids)), key=lambda i: -len(token_ids[i]))
    start = 0
    while start < len(order):
        width = len(token_ids[order[start]])  # the longest of this batch: the order is by length
        fits = max_tokens // max(width, 1) if max_tokens else batch_size
        rows = order[start : start + max(1, min(batch_size, fits))]
        start += len(rows)
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
