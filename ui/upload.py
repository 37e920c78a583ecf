"""Widgets of the Add articles page: corpus choice, column mapping, results, metadata editor
(the analysis progress shown meanwhile is `ui.progress`)."""
from __future__ import annotations

import re
import time

import pandas as pd
import streamlit as st

from analysis.files.intake import EDITABLE, ROW_SUFFIXES, AddResult, WorkspaceError, guess_mapping, sniff_rows, suffix_of
from analysis.files.workspace import Workspace
from ui import data, jobs

RESULT_KEY = "_add_result"
UPLOADER_KEY = "_uploader_round"  # bumped after an upload: the file picker starts empty again
LABELS = {"seeds": "Seed corpus (the demo articles)", "workspace": "Workspace (your articles)", "path": "Corpus given at start"}
FIELD_LABELS = {"text": "Text (required)", "title": "Title", "published": "Date", "source": "Source", "author": "Author",
                "url": "URL", "language": "Language", "id": "Id"}


def open_workspace() -> Workspace:
    return Workspace(data.workspace_root())


def corpus_selector(ws: Workspace) -> None:
    """Which corpus every page shows: seeds, workspace, or the corpus given at start."""
    options = data.corpus_options()
    keys = list(dict.fromkeys([*options, "workspace"]))
    counts = {"workspace": f" · {len(ws):,} articles" if len(ws) else " · empty: add articles below"}
    extra = {"path": f" · {options['path'].name}" if "path" in options else ""}
    st.session_state["w_corpus"] = data.chosen_corpus()
    st.radio("Corpus shown on every page", keys, key="w_corpus", horizontal=True,
             format_func=lambda k: LABELS[k] + counts.get(k, "") + extra.get(k, ""),
             on_change=lambda: data.set_corpus(st.session_state["w_corpus"]),
             help="Remembered in the link (?corpus=workspace). The workspace can be chosen once it has articles.")
    if st.session_state["w_corpus"] == "workspace" and "workspace" not in options:
        st.caption("The workspace is empty: the seeds are shown until you add articles.")


def table_mapping(upload) -> dict[str, str] | None:
    """Detected columns of an uploaded .jsonl/.csv, a mapping to choose, and a preview of 5 rows."""
    try:
        columns, rows = _sniff(upload.name, upload.getvalue())
    except ValueError as err:
        st.error(f"`{_code(upload.name)}`: cannot read the table: {_escape(err)}", icon=":material/error:")
        return None
    guess = guess_mapping(columns)
    st.markdown(f"`{_code(upload.name)}` · {len(rows):,} rows · columns: {_escape(', '.join(columns[:20]))}")
    cols = st.columns(4)
    mapping = {}
    for i, (fld, label) in enumerate(FIELD_LABELS.items()):
        choices = [""] + columns
        mapping[fld] = cols[i % 4].selectbox(label, choices, index=choices.index(guess[fld]) if guess[fld] in columns else 0,
                                             key=f"map_{upload.file_id}_{fld}", format_func=lambda c: c or "(none)")
    order = [f for f in FIELD_LABELS if f != "text"] + ["text"]  # the long text last in the preview
    preview = pd.DataFrame([{FIELD_LABELS[f].split(" (")[0]: _short(r.get(mapping[f])) for f in order if mapping[f]}
                            for r in rows[:5]])
    st.dataframe(preview, hide_index=True, width="stretch")
    if not mapping["text"]:
        st.warning("Choose the column that holds the article text.", icon=":material/warning:")
    return mapping


@st.cache_data(max_entries=8, show_spinner=False)
def _sniff(name: str, data_bytes: bytes) -> tuple[list[str], list[dict]]:
    return sniff_rows(name, data_bytes)


def _code(text: str) -> str:
    """Safe inside a markdown code span (file names come from the upload)."""
    return str(text).replace("`", "'").replace("\n", " ")


def _escape(text: str) -> str:
    """Markdown-escaped plain text (reasons may quote names from the upload)."""
    return re.sub(r"([\\`*_{}\[\]<>()#+\-.!|~$])", r"\\\1", " ".join(str(text).split()))


def _short(value, n: int = 80) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def add_uploads(ws: Workspace, uploads, mappings: dict) -> None:
    """Save the uploaded files with a progress bar, then analyse the workspace in the background."""
    bar = st.progress(0.0, text="Saving the files…")
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 0.25 or done == total:
            last[0] = time.monotonic()
            bar.progress(min(done / max(total, 1), 1.0), text=f"Saving {done:,} / {total:,}…")

    result = ws.add_files([(u.name, u.getvalue()) for u in uploads], mappings=mappings, on_progress=progress)
    finish_add(result)


def finish_add(result: AddResult) -> None:
    """Remember the outcome for the next run, switch to the workspace, rerun (which starts its analysis)."""
    st.session_state[RESULT_KEY] = {
        "summary": result.summary(), "time": time.time(),
        "rejected": [{"File": r.input, "Reason": r.reason} for r in result.rejected],
        "duplicates": [{"File": a, "Same text as": b} for a, b in result.duplicates],
        "near": [{"Saved as": a, "Similar to": b, "Shared": f"{s:.0%}"} for a, b, s in result.near_duplicates],
    }
    st.session_state[UPLOADER_KEY] = st.session_state.get(UPLOADER_KEY, 0) + 1
    if result.added:
        data.set_corpus("workspace")
    st.rerun()


def show_result() -> None:
    """The last upload's outcome: added, duplicates skipped, near-duplicates flagged, rejections with reasons."""
    res = st.session_state.get(RESULT_KEY)
    if not res:
        return
    text = " · ".join(res["summary"])
    (st.warning if res["rejected"] else st.success)(text, icon=":material/task_alt:")
    if 0 < len(res["rejected"]) <= 10:
        st.markdown("**Rejected** (not saved):\n" + "\n".join(
            f"- `{_code(r['File'])}`: {_escape(r['Reason'])}" for r in res["rejected"]))
    elif res["rejected"]:
        st.markdown("**Rejected** (not saved):")
        st.dataframe(pd.DataFrame(res["rejected"]), hide_index=True, width="stretch")
    if res["duplicates"]:
        with st.expander(f"Exact duplicates skipped ({len(res['duplicates'])})"):
            st.dataframe(pd.DataFrame(res["duplicates"]), hide_index=True, width="stretch")
    if res["near"]:
        with st.expander(f"Near-duplicates flagged ({len(res['near'])}): probably syndicated copies, kept"):
            st.dataframe(pd.DataFrame(res["near"]), hide_index=True, width="stretch")
    job = jobs.get(data.workspace_root().resolve() / "articles")
    if job and job.report and job.phase == "done" and job.finished >= res["time"]:
        n = job.report.n_articles
        st.caption(f"Analysis done: {n:,} articles in the workspace, {job.parsed:,} analysed now, "
                   f"{max(n - job.parsed, 0):,} unchanged (from cache), {job.finished - job.started:.0f} s.")


def metadata_editor(ws: Workspace) -> None:
    """Edit title, source, date, author, URL, language; saving re-analyses only the articles touched."""
    rows = ws.rows()
    if not rows:
        st.info("The workspace is empty: upload files or paste a text first.", icon=":material/info:")
        return
    base = pd.DataFrame(rows)[["file", *EDITABLE, "original_name", "near_duplicate_of"]]
    edited = st.data_editor(
        base, key="meta_editor", hide_index=True, width="stretch", num_rows="fixed",
        disabled=["file", "original_name", "near_duplicate_of"],
        column_config={
            "file": st.column_config.TextColumn("Saved as"),
            "published": st.column_config.TextColumn("Published", help="YYYY-MM-DD; empty: read from the text",
                                                     validate=r"^(\d{4}-\d{2}-\d{2})?$"),
            "language": st.column_config.SelectboxColumn("Language", options=["", "fr", "en"], help="empty: detected"),
            "original_name": st.column_config.TextColumn("Uploaded as"),
            "near_duplicate_of": st.column_config.TextColumn("Near-duplicate of"),
        })
    if st.button("Save changes", icon=":material/save:", key="meta_save"):
        changes = {}
        for (_, old), (_, new) in zip(base.iterrows(), edited.iterrows()):
            diff = {c: ("" if pd.isna(new[c]) else str(new[c])) for c in EDITABLE if str(old[c]) != ("" if pd.isna(new[c]) else str(new[c]))}
            if diff:
                changes[old["file"]] = diff
        if not changes:
            st.info("No change to save.", icon=":material/info:")
            return
        try:
            changed = ws.update_many(changes)
        except WorkspaceError as err:
            st.error(str(err), icon=":material/error:")
            return
        st.session_state.pop("meta_editor", None)
        st.session_state[RESULT_KEY] = {"summary": [f"Metadata saved for {len(changed)} article{'s' if len(changed) != 1 else ''}: "
                                                    f"only {'it is' if len(changed) == 1 else 'they are'} re-analysed"],
                                        "time": time.time(), "rejected": [], "duplicates": [], "near": []}
        data.set_corpus("workspace")
        st.rerun()


def is_table(upload) -> bool:
    return suffix_of(upload.name) in ROW_SUFFIXES
