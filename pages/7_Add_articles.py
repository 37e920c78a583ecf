"""Add articles: upload files (or a .zip, a .jsonl/.csv table), paste a text, edit metadata.

Everything is saved in the workspace (atomic writes; originals kept) and analysed in the
background; the corpus choice (seeds, workspace, corpus given at start) applies to every page.
"""
from __future__ import annotations

import streamlit as st

from analysis.files.archive import MAX_ARCHIVE_BYTES, MAX_MEMBERS
from analysis.files.intake import MAX_ARTICLES, MAX_FILE_BYTES
from ui import jobs, page, progress, upload

corpus, f = page.start("Add articles")
st.title("Add articles")
ws = upload.open_workspace()
st.caption(f"Your articles are saved in the workspace {ws.root.resolve()} (originals and metadata kept; "
           f"`python -m analysis build {ws.articles_dir}` analyses the same folder from the command line).")
upload.corpus_selector(ws)
job = jobs.get(ws.articles_dir.resolve())
if job is not None and (job.running or job.phase == "failed"):
    progress.build_status(str(ws.articles_dir.resolve()), "main")
upload.show_result()

tab_files, tab_paste, tab_edit = st.tabs([":material/upload_file: Upload files", ":material/edit_note: Paste a text",
                                          ":material/table_edit: Edit metadata"])
with tab_files:
    files = st.file_uploader(
        "Articles: .txt, .md, .html, a .jsonl or .csv table (one article a row), or a .zip of these",
        type=["txt", "md", "html", "htm", "jsonl", "csv", "zip"], accept_multiple_files=True,
        key=f"uploads_{st.session_state.get(upload.UPLOADER_KEY, 0)}",
        help=f"Limits: {MAX_FILE_BYTES / 1e6:.0f} MB a file; a .zip up to {MAX_ARCHIVE_BYTES / 1e6:.0f} MB unpacked "
             f"and {MAX_MEMBERS:,} files; {MAX_ARTICLES:,} articles in the workspace.")
    st.caption("HTML pages give their text, title, author, date and site. Text files in UTF-8, UTF-16 or "
               "Windows-1252 are read alike. The same text uploaded twice is skipped; near-identical copies "
               "(syndicated articles) are kept and flagged.")
    mappings = {}
    for up in files or []:
        if upload.is_table(up):
            with st.container(border=True):
                mapping = upload.table_mapping(up)
                if mapping is not None:
                    mappings[up.name] = mapping
    ready = bool(files) and all(m.get("text") for m in mappings.values())
    if st.button("Add to workspace", type="primary", icon=":material/save:", disabled=not ready, key="add_files"):
        upload.add_uploads(ws, files, mappings)

with tab_paste:
    with st.form("paste_form", clear_on_submit=True):
        text = st.text_area("Article text", height=220, key="paste_text",
                            placeholder="Paste the article here (first line: its headline, if it has one)")
        c1, c2 = st.columns(2)
        title = c1.text_input("Title", key="paste_title")
        source = c2.text_input("Source", key="paste_source", placeholder="e.g. Le Monde")
        c3, c4, c5 = st.columns(3)
        date = c3.date_input("Published", value=None, key="paste_date", format="YYYY-MM-DD")
        author = c4.text_input("Author", key="paste_author")
        language = c5.selectbox("Language", ["", "fr", "en"], key="paste_language",
                                format_func=lambda v: {"": "Detect", "fr": "French", "en": "English"}[v])
        if st.form_submit_button("Add to workspace", type="primary", icon=":material/save:"):
            if not (text or "").strip():
                st.error("Paste a text first.", icon=":material/error:")
            else:
                meta = {"title": title, "source": source, "author": author, "language": language,
                        "published": date.isoformat() if date else ""}
                upload.finish_add(ws.add_text(text, meta, name=f"pasted: {title or text.strip()[:40]}"))

with tab_edit:
    st.caption("Edit the metadata of your articles, then save: only the articles you changed are analysed again. "
               "An empty cell means: take it from the text.")
    upload.metadata_editor(ws)

page.finish()
