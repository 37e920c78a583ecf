"""Themes & topics: theme shares by source and over time with their trigger terms; corpus topics."""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from analysis.query import themes as ts
from analysis.query import topics as tq
from analysis.query.filters import view
from analysis.reduce.topic_names import load_topic_names, name_topics, save_topic_names
from analysis.reduce.topics import fit_topics
from figures import themes as fig
from ui import page, state

corpus, f = page.start("Themes & topics")
st.title("Themes & topics")
page.chips(f, corpus)
v = view(corpus, f)
docs = v.documents
store = st.session_state.setdefault("_themes", {"k": None, "topic": None, "url": None})
url = (st.query_params.get("k"), st.query_params.get("topic"))
if url != store["url"]:  # a link was opened: its k and topic win once, later choices stay
    store["k"], store["topic"] = [int(v) if (v or "").isdigit() else None for v in url]
if docs.empty:
    page.empty("No article matches these filters. Remove a filter (chips above or sidebar) to see themes and topics.")
    page.finish()
    st.stop()
# A theme filter picks the articles; the shares count all their sentences (else every bar would be that theme).
sents = v.sentences(themes=False)
sources = v.sources
NAMES_FILE = Path(os.environ.get("VEILLE_WORKSPACE", "workspace")) / "topic_names.yaml"


def clicked(*events) -> list:
    """The ids (customdata, or its first item) of the points clicked in these charts."""
    points = [p for e in events if e and e.selection for p in e.selection.points]
    return [c[0] if isinstance(c, list) else c for c in (p.get("customdata") for p in points) if c is not None]


def chart(figure, name: str):
    """A clickable chart (a click reruns the page once with that point)."""
    return page.chart(figure, width="stretch", on_select="rerun", selection_mode=("points",), key=name)


def topics_for(k: int | None):
    """Topics of the whole corpus for k (None = chosen by coherence), fitted once per corpus and k
    (the corpus is cached for the process); names are applied on each run."""
    key, fit = f"topics_{k}", lambda: fit_topics(corpus["sentences"], n_topics=k)
    if corpus.memoized(key):
        return corpus.memo(key, fit)
    with st.spinner(f"Fitting {k or 'the best number of'} topics on the whole corpus (once)…"):
        return corpus.memo(key, fit)


def themes_view() -> None:
    weights = corpus.memo("theme_weights", lambda: ts.theme_weights(
        corpus["sentences"][["doc_id", "sent_id", "themes", "theme_terms"]]))  # once per corpus; filtered by a join
    # without an actor filter the sentences are whole articles: sums of per-article totals (once per corpus)
    totals = None if f.actors else corpus.memo("theme_totals", lambda: ts.theme_totals(weights))
    shares = ts.shares_by_source(sents, sources, weights=weights, totals=totals)
    hits = [t for t in clicked(chart(fig.theme_share_by_source(shares, highlight=f.themes), "theme_src")) if t != ts.NO_THEME]
    st.caption(page.caption_text(corpus, f, n_docs=len(docs), n=len(sents), what="sentences") +
               " · a sentence with two themes counts half to each · click a bar to filter on its theme")
    if hits:
        state.apply(f.replace(themes=(hits[0],)))
        st.rerun()
    by_time, unit, n_undated, n_dated = ts.shares_over_time(sents, docs, weights=weights, totals=totals)
    page.chart(fig.theme_share_over_time(by_time, unit=unit, n_undated=n_undated, highlight=f.themes), width="stretch")
    st.caption(page.caption_text(corpus, f, n_docs=len(docs) - n_undated, n=n_dated, what="dated sentences") +
               " · hatched: publication date inferred from the content, not stated")

    st.subheader("The sentences behind each share")
    themes = [t for t in fig.theme_order(shares["theme"]) if t != ts.NO_THEME]
    if not themes:
        return page.empty("No sentence of these articles carries a theme.")
    c1, c2 = st.columns(2)
    theme = c1.selectbox("Theme", themes, index=themes.index(f.themes[0]) if f.themes and f.themes[0] in themes else 0)
    src = c2.selectbox("Source", ["All sources", *sorted(shares["source"].unique())])
    table = ts.theme_sentences(sents, docs, theme, sources=sources, source=None if src == "All sources" else src)
    event = st.dataframe(table.drop(columns=["start", "end"]), hide_index=True, width="stretch", on_select="rerun",
                         selection_mode="single-row", column_config={"doc_id": None, "Source": st.column_config.TextColumn(width=130),
                         "Title": st.column_config.TextColumn(width=190), "Sentence": st.column_config.TextColumn(width=430),
                         "Trigger terms": st.column_config.TextColumn(width=180, help="The lexicon terms that tagged the sentence with this theme")})
    st.caption(f"{len(table)} sentence(s) tagged {theme} · select a row to open the article at that sentence")
    if event and event.selection.rows:
        row = table.iloc[event.selection.rows[0]]
        page.open_in_reader(row["doc_id"], (row["start"], row["end"]))


def topics_view() -> None:
    options = ["auto", *range(2, 21)]
    st.session_state["topics_k"] = store["k"] if store["k"] in options else "auto"
    st.select_slider("Number of topics (auto = k chosen by coherence)", options, key="topics_k",
                     on_change=lambda: store.update(k=None if st.session_state["topics_k"] == "auto" else st.session_state["topics_k"]),
                     help="Auto tries k = 3…12 (at most one topic per 5 paragraphs) and keeps the k whose top terms co-occur "
                          "most in the paragraphs (NPMI coherence × coverage): the topics an analyst can read best.")
    result = topics_for(store["k"])
    topics = name_topics(result.topics, load_topic_names(NAMES_FILE))
    units = tq.units_for_view(result.units, docs, sents, sources, whole_articles=not f.actors)
    st.caption(f"{result.k} topics over the whole corpus ({'chosen by coherence' if store['k'] is None else 'set by hand'}) · "
               f"{len(units)} of {len(result.units)} paragraphs in this selection")
    if store["k"] is None:
        with st.expander("Why this number of topics?"):
            page.chart(fig.coherence_by_k(result.k_scores, chosen=result.k), width="stretch")
    left, right = st.columns([2, 3])
    with left:
        sizes = chart(fig.topic_sizes(topics.assign(size=topics["topic_id"].map(units["topic_id"].value_counts()).fillna(0))), "t_sizes")
    with right:
        points = chart(fig.topic_map(units, topics), "t_map")
    cap = page.caption_text(corpus, f, n_docs=units["doc_id"].nunique(), n=len(units), what="paragraphs")
    st.caption(cap + " · click a bar or a point to open its topic below")
    if hits := clicked(sizes, points):
        store["topic"] = int(hits[0])
        st.rerun()
    page.chart(fig.topic_source_matrix(tq.topic_source_shares(units, sources), topics), width="stretch")
    st.caption(cap)

    st.subheader("Topic drill-down")
    labels = dict(zip(topics["topic_id"].astype(int), topics["label"]))
    if not labels:
        return page.empty("No topic: the corpus has no content words to group.")
    st.session_state["topic_pick"] = store["topic"] if store["topic"] in labels else next(iter(labels))
    tid = st.selectbox("Topic", list(labels), key="topic_pick", format_func=lambda i: fig.topic_display(i, labels[i], n=90),
                       on_change=lambda: store.update(topic=st.session_state["topic_pick"]))
    row = topics.set_index("topic_id").loc[tid]
    st.markdown(f"**Top terms:** {', '.join(row['top_terms'].split(';'))}  \n**Representative paragraph** (the most purely about this topic):")
    st.container(border=True).text(row["representative"])
    members = tq.unit_spans(units[units["topic_id"] == tid].sort_values("weight", ascending=False), corpus["sentences"])
    sel = st.dataframe(members.rename(columns={"title": "Title", "source": "Source", "text": "Paragraph"})[["Title", "Source", "Paragraph", "weight"]],
                       hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                       column_config={"Title": st.column_config.TextColumn(width=200), "Source": st.column_config.TextColumn(width=120),
                                      "Paragraph": st.column_config.TextColumn(width=480),
                                      "weight": st.column_config.ProgressColumn("Topic weight", min_value=0.0, max_value=1.0, format="%.2f")})
    st.caption(f"{len(members)} paragraph(s) of this topic in the selection · select a row to open it in the reader")
    if sel and sel.selection.rows:
        m = members.iloc[sel.selection.rows[0]]
        page.open_in_reader(m["doc_id"], (m["start"], m["end"]))
    with st.form("rename_topics"):
        st.markdown("**Rename topics** · names are saved in the workspace, kept across restarts, and used on every chart")
        for t in topics.itertuples():
            st.text_input(fig.topic_display(t.topic_id, ", ".join(t.top_terms.split(";")[:6]), n=90), value=t.name,
                          key=f"rename_{t.signature}", placeholder=t.label)
        if st.form_submit_button("Save names"):
            names = load_topic_names(NAMES_FILE) | {t.signature: st.session_state[f"rename_{t.signature}"].strip() for t in topics.itertuples()}
            save_topic_names(NAMES_FILE, names)
            st.rerun()


# Only the open tab runs: charts in a hidden tab would be drawn at the wrong size, and topics are fitted only when wanted.
tab_themes, tab_topics = st.tabs(["Themes", "Topics"], key="themes_tab", on_change="rerun",
                                 default="Topics" if st.query_params.get("tab") == "topics" else None)
if tab_themes.open:
    with tab_themes:
        themes_view()
if tab_topics.open:
    with tab_topics:
        topics_view()
store["url"] = tuple(None if v is None else str(v) for v in (store["k"], store["topic"]))
page.finish({"tab": "topics" if tab_topics.open else None, "k": store["k"], "topic": store["topic"]})
