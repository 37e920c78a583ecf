"""The "Correct actors" panel: merge, rename or split actors; saved to the workspace alias file.

Each change is written with `save_user_aliases`, the data cache is cleared and the page reruns,
so the corpus is rebuilt with the correction (per-article results stay cached: only the reduce
runs again). The message saying what changed survives the rerun in session state.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.corrections import (SPLIT_PREFIX, corrections, load_user_aliases, merge_actor, rename_actor,
                                  save_user_aliases, split_form, undo_correction)
from analysis.map.actors.registry import load_registry
from ui import data

FLASH = "_entities_flash"
EDITOR = "ent_editor"  # the panel's open state (session state)


def flash() -> None:
    """Show (once) what the last saved correction changed."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


@st.cache_data(show_spinner=False)
def _registry_names() -> dict[str, str]:
    """Names of registry actors, so a correction still reads well once its actor has been merged away."""
    return {a.id: a.name for a in load_registry().actors.values()}


def _save(new, message: str) -> None:
    save_user_aliases(data.alias_file(), new)
    st.session_state[FLASH] = message + " Saved to the alias file: it applies on every page and to the next build."
    st.cache_resource.clear()
    st.rerun()


def _choices(actors: pd.DataFrame, names: dict[str, str]) -> tuple[list[str], dict[str, str], list[tuple[str, str]]]:
    """Actor ids by mentions, their labels, and every (name form, actor id): once per corpus."""
    ranked = actors.sort_values("n_mentions", ascending=False, kind="stable") if not actors.empty else actors
    ids = list(ranked.get("actor_id", []))
    labels = {a: f"{names.get(a, a)} · {n} mentions · {a}" for a, n in zip(ids, ranked.get("n_mentions", []))}
    forms = [(f, a) for a, al in zip(ids, ranked.get("aliases", pd.Series("", index=ranked.index)).fillna("").tolist())
             for f in str(al).split(";") if f]
    return ids, labels, forms


def render(corpus: data.Corpus) -> None:
    """The expander with one form per kind of correction and the list of corrections in force."""
    path = data.alias_file()
    panel = st.expander("Correct actors", icon=":material/edit:", key=EDITOR, on_change="rerun")
    if not panel.open:  # closed: its forms (three lists of every actor) are not built at each rerun
        return
    current = load_user_aliases(path)  # a missing file: no corrections
    names = corpus.actor_names
    ids, labels, forms = corpus.memo("actor_editor_choices", lambda: _choices(corpus["actors"], names))
    label = labels.__getitem__
    with panel:
        st.caption(f"Merge two actors, rename one, or give a name form its own actor. Corrections are kept in "
                   f"`{path}` and apply to every page and to the next build.")
        if len(ids) < 1:
            st.info("No actor in this corpus yet.")
            return
        merge, rename, split, undo = st.tabs(["Merge", "Rename", "Split", f"Corrections in force ({len(corrections(current, names))})"])
        with merge, st.form("ent_merge_form", border=False):
            src = st.selectbox("Merge this actor…", ids, format_func=label, key="ent_merge_src")
            dst = st.selectbox("…into this one", ids, index=min(1, len(ids) - 1), format_func=label, key="ent_merge_dst")
            if st.form_submit_button("Merge", key="ent_merge_go", icon=":material/merge:"):
                if src == dst:
                    st.error("Choose two different actors.")
                else:
                    _save(merge_actor(current, src, dst), f"Merged “{names.get(src, src)}” into “{names.get(dst, dst)}”.")
        with rename, st.form("ent_rename_form", border=False):
            aid = st.selectbox("Actor", ids, format_func=label, key="ent_rename_id")
            new_name = st.text_input("New name", key="ent_rename_name", placeholder="e.g. Vladimir Poutine")
            if st.form_submit_button("Rename", key="ent_rename_go", icon=":material/edit:"):
                if not new_name.strip():
                    st.error("Type the new name.")
                else:
                    _save(rename_actor(current, aid, new_name), f"Renamed “{names.get(aid, aid)}” to “{new_name.strip()}”.")
        with split, st.form("ent_split_form", border=False):
            pick = st.selectbox("Name form to take out", forms, key="ent_split_form_pick",
                                format_func=lambda p: f"“{p[0]}” (now {names.get(p[1], p[1])})")
            new_name = st.text_input("Name of the new actor", key="ent_split_name", placeholder="e.g. Kim Yo-jong")
            kind = st.selectbox("Type", list(SPLIT_PREFIX), key="ent_split_kind")
            if st.form_submit_button("Split", key="ent_split_go", icon=":material/call_split:"):
                if not pick or not new_name.strip():
                    st.error("Choose a name form and type the new actor's name.")
                else:
                    new, new_id = split_form(current, pick[0], new_name, kind=kind)
                    _save(new, f"“{pick[0]}” now names a new actor, “{new_name.strip()}” ({new_id}), "
                               f"instead of “{names.get(pick[1], pick[1])}”.")
        with undo:
            items = corrections(current, {**_registry_names(), **names}) if corrections(current) else []
            if not items:
                st.caption("No correction yet.")
            else:
                choice = st.selectbox("Correction", items, format_func=lambda c: c[2], key="ent_undo_pick")
                if st.button("Undo this correction", key="ent_undo_go", icon=":material/undo:"):
                    _save(undo_correction(current, choice[0], choice[1]), f"Undone: {choice[2]}.")
