"""Reader: one article with its names highlighted and the removed site chrome greyed."""
from __future__ import annotations

import streamlit as st

from analysis.filters import filter_documents, source_label
from figures.colors import TYPE_COLORS
from figures.reader import Mark, render_article
from ui import page

corpus, f = page.start("Reader", icon=":material/article:")
st.title("Reader")
page.chips(f, corpus)
docs = filter_documents(corpus["documents"], f, sentences=corpus["sentences"], mentions=corpus["mentions"])
if docs.empty:
    page.empty("No article matches these filters.")
    page.finish()
    st.stop()

ids = list(docs["doc_id"])
store = st.session_state.setdefault("_reader", {"doc": None, "url": None})
url_doc = st.query_params.get("doc")
if st.session_state.get("reader_doc"):  # another page asked to open an article (at a sentence)
    store["doc"] = st.session_state.pop("reader_doc")
    store["focus"] = st.session_state.pop("reader_focus", None)
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
st.markdown(f"#### {doc['title'] or '(no headline)'}")
st.caption(f"Source: {source_label(docs.set_index('doc_id').loc[[doc_id]].reset_index()).iat[0]} · "
           f"Author: {doc['author'] or 'not stated'} · Published: {date} ({basis}) · {int(doc['n_words'])} words · {doc_id}")

layers = st.pills("Layers", ["names", "removed chrome"], default=["names", "removed chrome"], selection_mode="multi")
marks: list[Mark] = []
if "removed chrome" in (layers or []):
    bp = corpus["boilerplate"]
    marks += [Mark(int(r.start), int(r.end), "bp", title="removed: site chrome") for r in bp[bp["doc_id"] == doc_id].itertuples()]
if "names" in (layers or []):
    m = corpus["mentions"]
    for r in m[m["doc_id"] == doc_id].itertuples():
        kind = {"PER": "person", "ORG": "organization", "LOC": "place"}.get(r.label, "other")
        color = TYPE_COLORS.get(kind, "#7f7f7f")
        who = corpus.actor_names.get(r.actor_id, "") if r.actor_id else ""
        marks.append(Mark(int(r.start), int(r.end), "ent", style=f"border-color:{color};background:{color}22",
                          title=f"{r.label}{' → ' + who if who else ''}"))
focus = store.get("focus")
if focus:
    start, end = int(focus[0]), int(focus[1])
    st.info(f"Selected passage: “{doc['text'][start:end]}”", icon=":material/my_location:")
st.html(render_article(doc["text"], marks, focus=tuple(focus) if focus else None))
page.finish({"doc": doc_id})
