"""The progress of the workspace's background analysis, shown in the sidebar (by the data layer)
and on the Add articles page."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import jobs


@st.fragment(run_every=3.0)
def build_status(path_str: str, where: str = "sidebar") -> None:
    """Progress of the workspace analysis; reloads the app when it has finished."""
    job = jobs.get(Path(path_str))
    if job is None:
        return
    if job.running:
        frac = job.done / job.total if job.total else 0.0
        st.progress(min(frac, 1.0), text=job.describe())
        st.caption("You can keep using the dashboard: it shows the previous analysis until this one is done.")
    elif job.phase == "failed":
        st.error(job.describe(), icon=":material/error:")
        if st.button("Try again", key=f"retry_build_{where}", icon=":material/refresh:"):
            jobs.forget(Path(path_str))
            st.rerun()
    elif st.session_state.get("_seen_job") != job.finished:
        st.session_state["_seen_job"] = job.finished
        st.rerun()
