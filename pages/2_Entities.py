"""Entities: who is named, how often, by which source, with whom; the sentences behind each count."""
from __future__ import annotations

import streamlit as st

from analysis.query.actors import actor_summary, actor_types, cooccurrence_graph, counts_by_source, mentions_in_view, sentences_for
from analysis.query.filters import view
from figures import entities as fig
from ui import actor_editor, page, state

corpus, f = page.start("Entities")
st.title("Entities")
page.chips(f, corpus)
actor_editor.flash()
v = view(corpus, f)
docs, sents = v.documents, v.sentences()
m = mentions_in_view(v)  # mentions naming an actor (with an actor filter: in the sentences naming it)
names, types = corpus.actor_names, actor_types(corpus)
if m.empty:
    page.empty("No actor is named in the articles matching these filters. Remove a filter (chips above or sidebar).")
    actor_editor.render(corpus)
    page.finish()
    st.stop()
if f.actors:
    st.info(f"Showing {', '.join(names.get(a, a) for a in f.actors)} and the actors named in the same sentences "
            f"({len(sents)} sentences in {sents['doc_id'].nunique()} articles).", icon=":material/hub:")
click_key = "_".join(f.actors) or "all"  # a new table widget per actor filter: an old row selection never re-fires


def follow(event) -> None:
    """A click on an actor's mark sets the global actor filter."""
    aid = fig.clicked_actor(event.selection.points if event and event.selection else None)
    if aid and (aid,) != f.actors:
        state.apply(f.replace(actors=(aid,)))
        st.rerun()


if "ent_measure" not in st.session_state:  # from a shared link on first load, then the widget's own
    st.session_state["ent_measure"] = "per_1000" if st.query_params.get("measure") == "per_1000" else "mentions"
    st.session_state["ent_mode"] = "group" if st.query_params.get("bars") == "group" else "stack"
c1, c2, _ = st.columns([2, 2, 3])
measure = c1.segmented_control("Measure", ["mentions", "per_1000"], key="ent_measure", required=True,
                               format_func={"mentions": "Mentions", "per_1000": "Per 1,000 words"}.get)
mode = c2.segmented_control("Sources", ["stack", "group"], key="ent_mode", required=True,
                            format_func={"stack": "Stacked", "group": "Side by side"}.get)
counts = counts_by_source(m, docs)
what = "actor mentions" + (" in sentences naming the filtered actor" if f.actors else "")
left, right = st.columns([1, 1])
with left:
    follow(page.chart(fig.top_actors(counts, names=names, measure=measure, barmode=mode), key="ent_bars",
                           on_select="rerun", selection_mode=("points",), width="stretch"))
    st.caption("Click a bar to filter every page on that actor. " + page.caption_text(corpus, f, n_docs=len(docs), n=len(m), what=what))
with right:
    page.chart(fig.actor_source_heatmap(counts, names=names), width="stretch")
    st.caption("Colour: mentions per 1,000 words of the source (longer sources are not favoured); "
               "numbers: raw mentions. " + page.caption_text(corpus, f, n_docs=len(docs), n=len(m), what=what))

graph = cooccurrence_graph(m, min_weight=1, top_n=40, focus=f.actors)
follow(page.chart(fig.network_figure(graph, names, types), key="ent_net", on_select="rerun",
                       selection_mode=("points",), width="stretch"))
st.caption(f"Two actors are linked when one sentence names both; line width = number of such sentences; node size = "
           f"mentions; colour = type. Click a node to filter on it. {graph.number_of_nodes()} actors, "
           f"{graph.number_of_edges()} links (top 40 by mentions). "
           + page.caption_text(corpus, f, n_docs=len(docs), n=int(sum(w for *_, w in graph.edges(data="weight"))), what="co-mentions"))

st.subheader("Actors")
TABLE_ROWS = 1000  # the most mentioned; an actor filter (sidebar or a click) reaches any other
summary = actor_summary(m, corpus["actors"], limit=TABLE_ROWS)
n_actors = m["actor_id"].nunique()
table = summary.rename(columns={"name": "Actor", "type": "Type", "mentions": "Mentions",
                                                 "articles": "Articles", "aliases": "Aliases found", "wikidata": "Wikidata"})
table["Wikidata"] = ["https://www.wikidata.org/wiki/" + q if q else "" for q in table["Wikidata"]]
event = st.dataframe(table.drop(columns=["actor_id"]), hide_index=True, width="stretch", on_select="rerun",
                     selection_mode="single-row", key=f"ent_table_{click_key}",
                     column_config={"Wikidata": st.column_config.LinkColumn(display_text=r"wiki/(Q\d+)"),
                                    "Aliases found": st.column_config.TextColumn(width="large")})
if n_actors > TABLE_ROWS:
    st.caption(f"The {TABLE_ROWS:,} most-mentioned of {n_actors:,} actors; filter on an actor to see one "
               "outside them.".replace(",", " "))
rows = event.selection.rows if event and event.selection else []
chosen = summary["actor_id"].iat[rows[0]] if rows else (f.actors[0] if f.actors and (m["actor_id"] == f.actors[0]).any() else None)
if chosen is None:
    st.caption("Select an actor (click the box at the start of a row) to see the sentences behind its count.")
else:
    behind = sentences_for(chosen, m, sents, docs)
    st.markdown(f"**{len(behind)} sentence{'s' * (len(behind) != 1)} naming {names.get(chosen, chosen)}**"
                + (" (with the filtered actor)" if f.actors and chosen not in f.actors else ""))
    shown = behind[["sentence", "mention", "source", "title"]].rename(columns={"sentence": "Sentence", "mention": "Named as",
                                                                            "source": "Source", "title": "Article"})
    pick = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                        key=f"ent_sents_{chosen}", column_config={"Sentence": st.column_config.TextColumn(width="large"),
                                                                  "Article": st.column_config.TextColumn(width="small")})
    row = behind.iloc[(pick.selection.rows or [0])[0]] if len(behind) else None
    short = row["title"] if row is None or len(row["title"]) <= 60 else row["title"][:58].rstrip() + "…"
    if row is not None and st.button(f"Open “{short}” in the reader at this sentence", key="ent_open",
                                     icon=":material/article:", help="Select a sentence row first; the first one otherwise"):
        page.open_in_reader(row["doc_id"], (row["start"], row["end"]))

actor_editor.render(corpus)
page.finish({"measure": measure if measure != "mentions" else None, "bars": mode if mode != "stack" else None})
