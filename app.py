"""Veille — Overview: the corpus at a glance. Run: streamlit run app.py [-- --corpus PATH]"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.query.actors import top_names
from analysis.query.documents import blank_pipeline_articles
from analysis.query.filters import source_label, view
from figures import overview as fig
from ui import page

corpus, f = page.start("Overview")
v = view(corpus, f)
docs = v.documents

st.title("Overview")
page.chips(f, corpus)
st.caption(page.caption_text(corpus, f, n_docs=len(docs)))

if docs.empty:
    page.empty("No article matches these filters. Remove a filter (chips above or sidebar) to see the corpus.")
    page.finish()
    st.stop()

n_blank = blank_pipeline_articles(docs)
if n_blank:
    st.warning(f"{n_blank} English article{'s were' if n_blank > 1 else ' was'} analysed without an English language "
               "model (no parser, no named entities): actors and speakers are undercounted there. Run ./run.sh "
               "(or scripts/setup.sh), which installs the model, then reload.")

mentions = v.article_mentions
stated = docs["published_basis"].isin(["text", "metadata"])
dates = pd.to_datetime(docs.loc[docs["published"].fillna("") != "", "published"], errors="coerce").dropna()
c = st.columns(5)
c[0].metric("Articles", len(docs))
named = docs["source"].fillna("").replace("", None).dropna().nunique()
unknown = int((docs["source"].fillna("") == "").sum())
c[1].metric("Sources", named, help=f"{unknown} article(s) name no source" if unknown else None)
c[2].metric("Words (content)", f"{int(docs['n_words'].sum()):,}".replace(",", " "))
c[3].metric("Dated articles", f"{int(stated.sum())} stated", delta=f"{int((docs['published_basis'] == 'inferred').sum())} inferred",
            delta_color="off", help="Stated: the article or its metadata gives the date. Inferred: estimated from the content.")
c[4].metric("Date span", (f"{dates.min():%b %Y}" if dates.min().to_period("M") == dates.max().to_period("M") else f"{dates.min():%b %Y}–{dates.max():%b %Y}") if len(dates) else "unknown")

left, right = st.columns(2)
with left:
    page.chart(fig.articles_by_source(docs, sources=source_label(docs)), width="stretch")
with right:
    page.chart(fig.articles_by_date(docs), width="stretch")
    st.caption("Dark bars: dates stated by the article or its metadata; light hatched bars: dates inferred from the content.")

left, right = st.columns(2)
labels = docs["title"].where(docs["title"].fillna("") != "", docs["doc_id"]).str.slice(0, 60)
with left:
    page.chart(fig.word_counts(docs, labels=labels), width="stretch")
with right:
    if mentions.empty:
        page.empty("No names were found in these articles.")
    else:
        page.chart(fig.top_entities(top_names(v)), width="stretch")
st.caption(page.caption_text(corpus, f, n_docs=len(docs), n=len(mentions), what="name mentions"))

st.subheader("Articles")
table = pd.DataFrame({
    "Title": labels.where(docs["title"].fillna("") != "", "(no headline) " + docs["doc_id"]),
    "Source": source_label(docs),
    "Published": docs["published"].fillna("").where(
        (docs["published_basis"] != "inferred") | (docs["published"].fillna("") == ""), docs["published"] + " (inferred)"),
    "Author": docs["author"].fillna(""),
    "Words": docs["n_words"],
    "doc_id": docs["doc_id"],
})
event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                     column_config={"Published": st.column_config.TextColumn(help="'(inferred)': estimated from the content, not stated")})
st.caption("Select a row to open the article in the reader.")
rows = event.selection.rows if event and event.selection else []
if rows:
    page.open_in_reader(table.iloc[rows[0]]["doc_id"])
page.finish()
