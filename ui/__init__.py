"""Streamlit glue shared by the pages: corpus loading, filter state, sidebar, page chrome."""
