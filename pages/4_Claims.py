"""Claims: who says what, how firmly, about when; and the ledger of claims several articles share or dispute."""
from __future__ import annotations

import streamlit as st

from analysis.query import claims as qc
from analysis.query.filters import view
from figures import claims as fc
from ui import page

TABLE_ROWS = 2000  # rows sent to the browser; the CSV download has every claim
LEDGER_ARTICLES, LEDGER_CLAIMS = 5, 3  # per group shown: articles (one row of columns), and claims per article

corpus, f = page.start("Claims")
st.title("Claims")
page.chips(f, corpus)

# page state: adopt a value from the URL only when a link brings one we did not write ourselves
store = st.session_state.setdefault("_claims", {"speaker": [], "lanes": "speaker", "x": "event", "claim": "", "sel": None, "seen": {}})
url = {"speaker": st.query_params.get_all("speaker"), "lanes": st.query_params.get("lanes", ""),
       "x": st.query_params.get("x", ""), "claim": st.query_params.get("claim", "")}
for k, v in url.items():
    if v and v != store["seen"].get(k):
        store[k] = list(v) if k == "speaker" else v
store["lanes"] = store["lanes"] if store["lanes"] in ("speaker", "source") else "speaker"
store["x"] = store["x"] if store["x"] in ("event", "published") else "event"


def finish() -> None:
    params = {"speaker": list(store["speaker"]), "lanes": store["lanes"] if store["lanes"] != "speaker" else "",
              "x": store["x"] if store["x"] != "event" else "", "claim": store["claim"]}
    store["seen"] = {k: v for k, v in params.items() if v}
    page.finish(params)


v = view(corpus, f)
if corpus["claims"].empty or v.documents.empty:
    page.empty("No claims in this corpus." if corpus["claims"].empty else "No article matches these filters.")
    finish()
    st.stop()


# once per loaded corpus (read-only: every filtered view below is a new frame)
view_all = qc.corpus_claim_view(corpus)
symbols = corpus.memo("claim_symbols", lambda: fc.symbol_map(view_all["outlet"]))
base = qc.claims_in_view(v)  # no claim filtered out: the corpus's claim view itself
speakers = base["speaker_id"].value_counts()
names = corpus.memo("claim_speaker_names", lambda: dict(zip(view_all["speaker_id"], view_all["speaker_name"])))
left, mid, right = st.columns([3, 1.2, 1.6], vertical_alignment="bottom")
st.session_state["w_claims_speaker"] = list(store["speaker"])
left.multiselect("Speaker", list(dict.fromkeys([*speakers.index, *store["speaker"]])), key="w_claims_speaker",
                 format_func=lambda s: f"{names.get(s, s)} ({speakers.get(s, 0)})", placeholder="All speakers",
                 on_change=lambda: store.update(speaker=list(st.session_state["w_claims_speaker"])))
for col, key, label, options in ((mid, "lanes", "Lanes", {"speaker": "Speaker", "source": "Source"}),
                                 (right, "x", "Plot by", {"event": "Event date", "published": "Publication date"})):
    st.session_state[f"w_claims_{key}"] = store[key]
    col.radio(label, list(options), key=f"w_claims_{key}", format_func=options.get, horizontal=True,
              on_change=lambda k=key: store.update({k: st.session_state[f"w_claims_{k}"]}))
view = base[base["speaker_id"].isin(store["speaker"])] if store["speaker"] else base
extra = f" · speaker: {', '.join(names.get(s, s) for s in store['speaker'])}" if store["speaker"] else ""
if view.empty:
    page.empty("No claim matches these filters. Remove a filter (chips above, speaker, or sidebar).")
    finish()
    st.stop()

# ---- timeline
n_docs = view["doc_id"].nunique()
dated = qc.is_dated(view, store["x"])
fig = fc.claims_timeline(view, lanes=store["lanes"], x=store["x"], symbols=symbols)
event = page.chart(fig, on_select="rerun", key="claims_timeline", selection_mode=("points",), width="stretch")
missing = int((~dated).sum())
what = "event date" if store["x"] == "event" else "publication date"
st.caption(page.caption_text(corpus, f, n_docs=n_docs, n=int(dated.sum()), what="dated claims") + extra
           + (f" · {missing} claim{'s' if missing != 1 else ''} without a{'n' if what[0] == 'e' else ''} {what} "
              f"{'are' if missing != 1 else 'is'} not plotted" if missing else "")
           + (" · a line spans a month, week, year or interval" if store["x"] == "event" else " · open marker: inferred date")
           + "; click a point to open the claim")
clicked = next((c for c in map(fc.point_claim, event.selection.points if event and event.selection else []) if c), None)
if clicked and clicked != store["sel"]:
    store["sel"] = store["claim"] = clicked

if store["claim"] in set(view["claim_id"]):
    c = view.set_index("claim_id").loc[store["claim"]]
    with st.container(border=True):
        published = f"{c.published} (inferred)" if c.published and c.published_basis == "inferred" else (c.published or "unknown")
        st.markdown(f"**{fc.md_escape(c.speaker_name)}** · :{fc.MODALITY_BADGE.get(c.modality, 'gray')}-badge[{c.modality}]"
                    + (f" · cue *{fc.md_escape(c.cue)}*" if c.cue else "")
                    + (f" · event date {c.event_date} ({fc.BASIS_TEXT.get(c.event_date_basis, c.event_date_basis)})" if c.event_date else ""))
        st.markdown("> " + fc.md_escape(c.text))
        st.caption(f"{c.source} — {c.title or c.doc_id} · published {published} · ledger: "
                   + ("single source" if c.group_docs < 2 else f"{c.stance}, told by {c.group_docs} articles"))
        with st.container(horizontal=True):
            if st.button("Open in the reader at this sentence", key="claims_open", icon=":material/article:"):
                page.open_in_reader(c.doc_id, (c.start, c.end))
            st.button("Close", key="claims_close", on_click=lambda: store.update(claim=""))

# ---- table
st.subheader("Claims table")
table = qc.claims_table(view.head(TABLE_ROWS))
st.dataframe(table, hide_index=True, width="stretch", key="claims_table", column_order=[c for c in table if c != "claim_id"],
             column_config={"Sentence": st.column_config.TextColumn(width="large"),
                            "Ledger": st.column_config.TextColumn(help="Whether other articles state the same (corroborated) or deny it (contested)")})
st.download_button(f"Download these {len(view):,} claims (CSV)".replace(",", " "), lambda: qc.claims_csv(view),
                   file_name="veille_claims.csv", mime="text/csv", icon=":material/download:", key="claims_csv",
                   on_click="ignore")
st.caption(page.caption_text(corpus, f, n_docs=n_docs, n=len(view), what="claims") + extra
           + (f" · the table shows the first {TABLE_ROWS:,} (by article); the CSV holds them all".replace(",", " ")
              if len(view) > TABLE_ROWS else ""))

# ---- ledger
st.subheader("Ledger")
selected = qc.ledger_groups(view, corpus["claim_groups"])
st.caption(qc.ledger_summary(view, selected) + ". Groups holding a claim that matches the filters; each shows every article "
           "that states it, side by side.")
if selected.empty:
    page.empty("No claim here is told by two articles or more.")
more = len(selected) > 15 and st.toggle(f"Show {'all ' if len(selected) <= 100 else 'the first 100 of '}{len(selected)} groups",
                                        key="claims_more_groups")
for b in qc.ledger_blocks(view, view_all, corpus["claim_groups"], limit=100 if more else 15, max_columns=LEDGER_ARTICLES,
                          selected=selected):
    with st.container(border=True):
        st.markdown(f":{fc.STANCE_BADGE.get(b.stance, 'gray')}-badge[{b.stance}] **{fc.md_escape(b.label)}** "
                    f"· {b.n_docs} articles · {b.n_claims} claims")
        cols = st.columns(min(len(b.columns), 5))
        for i, col in enumerate(b.columns):
            with cols[i % len(cols)]:
                lines = [f"**{fc.md_escape(col.outlet)}**"]
                top = col.claims.head(LEDGER_CLAIMS)
                lines += [f":{fc.MODALITY_BADGE.get(mod, 'gray')}-badge[{mod}] **{fc.md_escape(who)}** — {fc.md_escape(text)}"
                          for mod, who, text in zip(top["modality"], top["speaker_name"], top["text"])]
                if len(col.claims) > LEDGER_CLAIMS:
                    lines.append(f"*… and {len(col.claims) - LEDGER_CLAIMS} more claims of this article in the group*")
                st.markdown("\n\n".join(lines))
        if b.n_columns > len(b.columns):
            st.caption(f"… and {b.n_columns - len(b.columns)} more articles in this group (the claims table lists them all: "
                       f"filter on a speaker or source to narrow it).")
finish()
