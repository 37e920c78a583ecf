"""Reader: one article with its names highlighted and the removed site chrome greyed."""
from __future__ import annotations

import html

import streamlit as st

from analysis.query.filters import source_label, view
from analysis.query.reader import article_rows
from figures.colors import MODALITY_COLORS, THEME_COLORS, TYPE_COLORS, color_map
from figures.reader import LAYERS, layer_marks, render_article
from figures.text import md_escape
from ui import page

corpus, f = page.start("Reader")
st.title("Reader")
page.chips(f, corpus)
docs = view(corpus, f).documents
if docs.empty:
    page.empty("No article matches these filters.")
    page.finish()
    st.stop()

ids = list(docs["doc_id"])
store = st.session_state.setdefault("_reader", {"doc": None, "url": None})
url_doc = st.query_params.get("doc")
if request := page.reader_request():  # another page asked to open an article (at a sentence)
    store["doc"], store["focus"] = request
elif url_doc and url_doc != store["url"]:  # a link was opened
    store["doc"] = url_doc
st.session_state["reader_choice"] = store["doc"] if store["doc"] in ids else ids[0]
titles = dict(zip(docs["doc_id"], docs["title"].fillna("")))
doc_id = st.selectbox("Article", ids, key="reader_choice", format_func=lambda d: f"{titles.get(d) or '(no headline)'} — {d}",
                      on_change=lambda: store.update(doc=st.session_state["reader_choice"], focus=None))
store["url"] = doc_id
doc = docs.set_index("doc_id").loc[doc_id]

date = doc["published"] or "unknown"
basis = {"text": "stated in the article", "metadata": "from the metadata", "inferred": "inferred from the content — not stated",
         "none": "not stated"}.get(doc["published_basis"], doc["published_basis"])
st.html(f"<h4 style='margin:0'>{html.escape(doc['title'] or '(no headline)')}</h4>")
st.caption(f"Source: {source_label(docs.set_index('doc_id').loc[[doc_id]].reset_index()).iat[0]} · "
           f"Author: {doc['author'] or 'not stated'} · Published: {date} ({basis}) · {int(doc['n_words'])} words · {doc_id}")

layers = st.pills("Layers", LAYERS, default=["actors", "claims", "removed chrome"], selection_mode="multi", key="reader_layers")
article = article_rows(corpus.tables, doc_id)
actors = article["mentions"]["actor_id"].dropna().unique() if not article["mentions"].empty else []
marks = layer_marks(article, layers or [], actor_names=corpus.actor_names, actor_colors=color_map(actors),
                    theme_colors=THEME_COLORS, modality_colors=MODALITY_COLORS, type_colors=TYPE_COLORS)
if "claims" in (layers or []):
    st.caption("Claims underlined by modality: " + " · ".join(f"{m}" for m in MODALITY_COLORS) + " (hover a passage for details)")
focus = store.get("focus")
if focus:
    start, end = int(focus[0]), int(focus[1])
    st.info(f"Selected passage: “{md_escape(doc['text'][start:end])}”", icon=":material/my_location:")
st.html(render_article(doc["text"], marks, focus=tuple(focus) if focus else None))
page.finish({"doc": doc_id})
