"""Search: a keyword-in-context concordance over the filtered corpus; a line opens the reader there."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.query.filters import source_label, view
from analysis.query.search import search
from figures.briefing import md_escape
from ui import page

MODES = {"word": "Words", "lemma": "Lemmas"}
SORTS = {"corpus": "Article order", "source": "Source", "date_desc": "Date (newest first)", "date_asc": "Date (oldest first)"}
LIMIT = 5000

corpus, f = page.start("Search")
st.title("Search")
page.chips(f, corpus)

store = st.session_state.setdefault("_search", {"q": "", "mode": "word", "sort": "corpus", "url": None})
url = (st.query_params.get("q", ""), st.query_params.get("mode", "word"))
if url[0] and url != store["url"]:  # a link with a query was opened
    store.update(q=url[0], mode=url[1] if url[1] in MODES else "word")
has_lemmas = "lemmas" in corpus["sentences"]
modes = list(MODES) if has_lemmas else ["word"]

c1, c2, c3 = st.columns([3, 1.2, 1.4], vertical_alignment="bottom")
st.session_state["search_q"] = store["q"]
c1.text_input("Search the articles", key="search_q", placeholder='words or lemmas; "a phrase" in quotes',
              on_change=lambda: store.update(q=st.session_state["search_q"]), icon=":material/search:",
              help='Case and accents are ignored. Several words: all must be in the sentence. "Quotes": the exact phrase.')
st.session_state["search_mode"] = store["mode"] if store["mode"] in modes else "word"
c2.segmented_control("Match", modes, key="search_mode", format_func=MODES.get, required=True,
                     on_change=lambda: store.update(mode=st.session_state["search_mode"]),
                     help="Words: the forms as written. Lemmas: dictionary forms (rencontrer finds rencontrés).")
st.session_state["search_sort"] = store["sort"]
c3.selectbox("Sort by", list(SORTS), key="search_sort", format_func=SORTS.get,
             on_change=lambda: store.update(sort=st.session_state["search_sort"]))
q, mode = store["q"].strip(), st.session_state["search_mode"]

v = view(corpus, f)
docs = v.documents
if docs.empty:
    page.empty("No article matches these filters. Remove a filter (chips above or sidebar) to search the corpus.")
elif not q:
    st.info('Type a word, several words (all must be in the sentence) or "a phrase in quotes". '
            "Example: munitions, Poutine Kim, \"Corée du Nord\". Switch to Lemmas to find every form of a word.",
            icon=":material/lightbulb:")
else:
    hits = search(q, v.sentences(), docs, by=mode, window=45, limit=LIMIT)
    if hits.empty:
        page.empty(f"No sentence matches “{md_escape(q)}” ({MODES[mode].lower()}) in these {len(docs)} articles. "
                   "Check the spelling, remove a word, try Lemmas, or remove a filter.")
    else:
        hits["source"] = source_label(hits)
        hits["date"] = [f"{p} (inferred)" if b == "inferred" and p else p for p, b in zip(hits["published"], hits["published_basis"])]
        order = {"source": (["source", "_undated", "published", "doc_id", "start"], [True, True, False, True, True]),
                 "date_desc": (["_undated", "published", "doc_id", "start"], [True, False, True, True]),
                 "date_asc": (["_undated", "published", "doc_id", "start"], [True, True, True, True])}.get(store["sort"])
        if order:  # undated articles last
            hits = hits.assign(_undated=hits["published"] == "").sort_values(
                order[0], ascending=order[1], kind="stable").drop(columns="_undated")
        hits = hits.reset_index(drop=True)
        n_sent = hits[["doc_id", "sent_id"]].drop_duplicates().shape[0]
        n_art = hits["doc_id"].nunique()
        what = f"hits in {n_sent} sentence{'s' if n_sent != 1 else ''} of {n_art} article{'s' if n_art != 1 else ''}"
        st.caption(page.caption_text(corpus, f, n_docs=len(docs), n=len(hits), what=what)
                   + (f" · first {LIMIT} hits only" if len(hits) >= LIMIT else ""))
        table = pd.DataFrame({"Left": hits["left"], "Hit": hits["hit"], "Right": hits["right"], "Source": hits["source"],
                              "Date": hits["date"], "Title": hits["title"].where(hits["title"] != "", hits["doc_id"])})
        event = st.dataframe(
            table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 600), key="search_table",
            on_select="rerun", selection_mode="single-row",
            column_config={"Left": st.column_config.TextColumn("Left context", alignment="right", width=300),
                           "Hit": st.column_config.TextColumn(width="small"),
                           "Right": st.column_config.TextColumn("Right context", width=300),
                           "Date": st.column_config.TextColumn(help="'(inferred)': estimated from the content, not stated")})
        st.caption("Select a line to open the article in the reader at that sentence.")
        st.download_button("Download the concordance (CSV)", hits.drop(columns=["date"]).to_csv(index=False).encode("utf-8"),
                           file_name="concordance.csv", mime="text/csv", icon=":material/download:", on_click="ignore")
        rows = event.selection.rows if event and event.selection else []
        if rows:
            hit = hits.iloc[rows[0]]
            page.open_in_reader(hit["doc_id"], (hit["sent_start"], hit["sent_end"]))  # the whole sentence
store["url"] = (q, mode) if q else ("", "word")
page.finish({"q": q, "mode": mode if q and mode != "word" else None})
