"""index -> answers: how the index is asked (retrieval, answer composition, evaluation)
and shown (CLI, browser UI, HTTP API)."""

import ingest  # noqa: F401 - sets the offline/telemetry environment before anything heavy loads
