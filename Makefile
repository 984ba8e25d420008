# Two commands for a new user: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# Loopback only by default: expose the app through the reverse proxy (docs/operations.md), or,
# for a pilot on a trusted network, `make run BIND=0.0.0.0`.
BIND   ?= 127.0.0.1

.PHONY: run test check perf schema clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Reinstall when the dependencies change.
$(VENV)/.runtime: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,dev]'
	touch $@ $(VENV)/.runtime

# diagnostic.ui.serve is `streamlit run app.py` with Streamlit's outbound address look-ups off.
run: $(VENV)/.runtime
	$(PY) -m diagnostic.ui.serve --server.address $(BIND) --server.port $(PORT)

test: $(VENV)/.dev
	bash scripts/system-deps.sh
	$(PY) -m pytest

check: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict diagnostic/
	$(PY) scripts/check_sinks.py
	$(PY) scripts/audit.py  # known vulnerabilities fail; an unreachable advisory service is reported

perf: $(VENV)/.dev
	$(PY) -m perf

# Regenerate the JSON Schemas editors use for autocompletion (a test fails when they are stale).
schema: $(VENV)/.dev
	$(PY) -m diagnostic schema --write

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
