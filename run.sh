#!/usr/bin/env bash
# Install what is needed and serve the dashboard on the seed corpus at http://127.0.0.1:8501
# Another corpus: ./run.sh --corpus PATH   (a folder, .jsonl or .csv)
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
if [ $# -gt 0 ]; then
  exec .venv/bin/streamlit run app.py -- "$@"
fi
exec .venv/bin/streamlit run app.py
