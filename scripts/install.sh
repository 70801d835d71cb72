#!/usr/bin/env bash
# Install everything the assistant needs into ./.venv, from pinned versions only:
#   - Python 3.10 virtual environment with the locked packages (requirements.lock, made by
#     `uv pip compile requirements.in`); uv itself is pinned below.
#   - the offline spaCy pipeline (blank English + lookup lemmatizer from spacy-lookups-data),
#     built into spacy_model/ because spaCy's pretrained models are not on PyPI.
#   - the chat widget's JavaScript bundle (npm ci from widget/package-lock.json).
# Safe to run again: each step is skipped when its output is up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.8
VENV=.venv

find_python() {
  for candidate in "${PYTHON:-}" python3.10 "$(pyenv root 2>/dev/null)/versions/3.10"*/bin/python3.10 \
      /usr/bin/python3.10 /usr/local/bin/python3.10; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.10 is required (Rasa 3.6 supports 3.8-3.10); set PYTHON=/path/to/python3.10" >&2
  return 1
}

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating $VENV with $(find_python)"
  "$(find_python)" -m venv "$VENV"
fi
if ! "$VENV/bin/uv" --version 2>/dev/null | grep -q "$UV_VERSION"; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
stamp="$VENV/.lock-installed"
if [ ! -f "$stamp" ] || ! cmp -s requirements.lock "$stamp"; then
  echo "==> installing locked Python packages (requirements.lock)"
  # overrides.txt: the same override the lock was compiled with (see requirements.in).
  "$VENV/bin/uv" pip install --quiet --python "$VENV/bin/python" -r requirements.lock \
    --override overrides.txt
  cp requirements.lock "$stamp"
fi

# The project itself, editable (pyproject.toml): its packages import from anywhere with this
# venv's Python (a trained model names meso_nlu's components), and `meso` is on its PATH.
# Built with the locked setuptools already in the venv: nothing else is downloaded.
if ! "$VENV/bin/python" -c 'import meso.cli' 2>/dev/null || [ ! -x "$VENV/bin/meso" ]; then
  echo "==> installing the project (editable)"
  rm -f "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/meso_project.pth"
  "$VENV/bin/uv" pip install --quiet --python "$VENV/bin/python" --no-deps --no-build-isolation -e .
fi

if [ ! -f spacy_model/en_meso_lookup/meta.json ]; then
  echo "==> building the offline spaCy pipeline"
  "$VENV/bin/python" -m meso.tools.build_spacy_model >/dev/null
fi

if [ -f widget/package.json ]; then
  if [ ! -d widget/node_modules ] || [ widget/package-lock.json -nt widget/node_modules ]; then
    echo "==> installing the widget's npm packages (npm ci)"
    (cd widget && npm ci --no-audit --no-fund --loglevel=error)
  fi
  echo "==> building the chat widget"
  (cd widget && npm run --silent build)
fi
echo "==> install complete"
