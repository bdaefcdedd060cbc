"""Length-batched encoding: fewer padded tokens, the same vectors in the caller's order."""

from __future__ import annotations

import random

import numpy as np
import pytest

from ingest.onnx_model import OnnxMiniLMEmbedder, find_export
from ingest.settings import Settings
from ingest.token_batches import length_batches, unique_texts
from tests.test_onnx_model import real_sentences


@pytest.mark.unit
def test_length_batches_cover_every_row_once_longest_first_padded_to_each_batch() -> None:
    token_ids = [[5] * n for n in (3, 9, 1, 7, 7, 2, 4)]
    batches = list(length_batches(token_ids, batch_size=3, pad_id=0))
    rows = [row for batch in batches for row in batch.rows]
    assert sorted(rows) == list(range(len(token_ids)))
    assert [len(token_ids[r]) for r in rows] == sorted((len(t) for t in token_ids), reverse=True)
    for batch in batches:
        assert batch.input_ids.shape == batch.attention_mask.shape
        assert batch.input_ids.shape[1] == max(len(token_ids[r]) for r in batch.rows)
        for line, row in enumerate(batch.rows):
            n = len(token_ids[row])
            assert batch.input_ids[line, :n].tolist() == token_ids[row]
            assert batch.attention_mask[line].tolist() == [1] * n + [0] * (batch.input_ids.shape[1] - n)
            assert not batch.input_ids[line, n:].any()
    with pytest.raises(ValueError, match="batch_size"):
        list(length_batches(token_ids, batch_size=0, pad_id=0))


@pytest.mark.unit
def test_a_token_budget_caps_each_batch_but_never_leaves_a_text_out() -> None:
    token_ids = [[1] * n for n in (300, 100, 100, 100, 50, 50, 50, 50, 50, 10)]
    batches = list(length_batches(token_ids, batch_size=32, pad_id=0, max_tokens=200))
    assert [b.rows for b in batches] == [[0], [1, 2], [3, 4], [5, 6, 7, 8], [9]]
    assert all(b.input_ids.size <= 200 for b in batches[1:])  # the 300-token text goes alone
    assert [len(b.rows) for b in length_batches(token_ids, batch_size=3, pad_id=0, max_tokens=10_000)] == [3, 3, 3, 1]


@pytest.mark.unit
def test_unique_texts_maps_each_text_to_its_first_copy() -> None:
    distinct, where = unique_texts(["b", "a", "b", "c", "a"])
    assert distinct == ["b", "a", "c"]
    assert [distinct[i] for i in where] == ["b", "a", "b", "c", "a"]


@pytest.mark.integration
def test_batched_vectors_equal_one_text_at_a_time_in_the_original_order(documents_index: Settings) -> None:
    folder = find_export(documents_index.index_dir)
    assert folder is not None
    onnx = OnnxMiniLMEmbedder(folder)
    texts = real_sentences()[:150]
    texts = [*texts, texts[3], texts[40], " ".join(texts[:60])]  # repeats, and one text over 256 word pieces
    random.Random(7).shuffle(texts)
    batched = onnx.embed_passages(texts)
    alone = np.concatenate([onnx.embed_passages([text]) for text in texts])
    assert batched.shape == (len(texts), onnx.dim)
    assert np.abs(batched - alone).max() < 1e-5
    assert onnx.embed_passages([]).shape == (0, onnx.dim)
