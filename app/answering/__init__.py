"""The answering service: question analysis, retrieval, answer composition and the engine
that every front end (CLI, browser, HTTP API, evaluation) opens through `open.open_engine`."""
