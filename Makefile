# Mesotherapy FAQ assistant. `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
RASA := $(BIN)/rasa
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help install run chat train test lint validate test-actions test-stories test-nlu clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: ## Install everything into .venv (locked versions), build spaCy pipeline and widget
	@scripts/install.sh

run: install ## Install, train if no model exists, start action + Rasa servers and the demo page
	@$(BIN)/python scripts/serve.py

chat: ## Chat with the running assistant in this terminal (after `make run`)
	@$(BIN)/python scripts/chat.py

train: install ## Train a model into models/ (skipped by Rasa when nothing changed)
	$(RASA) train --out models

lint: install ## ruff (lint + format check) and mypy on actions/
	$(BIN)/ruff check actions scripts tests
	$(BIN)/ruff format --check actions scripts tests
	$(BIN)/mypy actions

validate: install ## rasa data validate (domain, NLU, stories, rules)
	$(RASA) data validate --fail-on-warnings

test-stories: train ## Test conversations (tests/test_stories.yml) against the trained model
	$(RASA) test core --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories

test-nlu: install ## NLU quality gate on a held-out split of our own data
	$(BIN)/python scripts/nlu_quality.py

test: lint validate test-stories test-nlu ## The whole test suite (what CI runs)
	$(BIN)/python -m pytest -ra

clean: ## Remove models, results and caches (not the venv)
	rm -rf models results .pytest_cache .mypy_cache .ruff_cache run
