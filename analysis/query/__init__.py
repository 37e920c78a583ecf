"""Pure pandas for the pages (never imports streamlit): `filters.view(corpus, filters)` is the one
path every page takes through the global filters; actors, themes, claims, briefing and search
answer each page's questions on the filtered view; figures/ draws what they return."""
