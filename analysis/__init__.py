"""Veille analysis: corpus files -> clean articles -> spaCy -> extractors -> tables.

Pure Python; never imports streamlit. See CONTRACT.md for the tables and `python -m analysis build`.
"""

PIPELINE_VERSION = "0.1.0"
