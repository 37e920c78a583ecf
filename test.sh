#!/usr/bin/env bash
# Install what the tests need (pinned requirements, pytest, playwright, Debian's chromium) and
# run the whole suite: unit tests, AppTest page tests, browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
