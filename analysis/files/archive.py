"""Open an uploaded .zip safely: size, member-count and ratio limits, no path leaves the archive.

Nothing here writes to disk: members come back as (name, bytes) for the workspace to store
under names of its own. A limit broken by the whole archive rejects the archive; a bad member
(unsafe path, bomb ratio, nested archive, unsupported type) is rejected alone.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from analysis.files.decoding import MAX_BYTES
from analysis.records import Rejection

MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # total uncompressed size of the members read
MAX_MEMBERS = 5_000
MAX_RATIO = 100  # uncompressed / compressed size above this (for members over 1 MB) is a bomb
RATIO_FLOOR = 1024 * 1024  # small members may compress very well (a repeated line), harmlessly
MEMBER_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".csv"}


@dataclass(frozen=True)
class Member:
    """One readable file of an archive: its path inside the archive (for messages only) and bytes."""

    name: str
    data: bytes


def unsafe_member_name(name: str) -> str | None:
    """Why a member name could not be trusted as a relative path, or None when it is safe."""
    if "\x00" in name:
        return "NUL byte in the name"
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return "absolute path"
    if ".." in norm.split("/"):
        return "path goes outside the archive ('..')"
    if posixpath.normpath(norm).startswith(".."):
        return "path goes outside the archive"
    return None


def read_zip(data: bytes, *, origin: str, max_total: int = MAX_ARCHIVE_BYTES, max_members: int = MAX_MEMBERS,
             max_member: int = MAX_BYTES, max_ratio: float = MAX_RATIO) -> tuple[list[Member], list[Rejection]]:
    """The supported members of a zip archive and the rejections (with reasons naming them)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as err:
        return [], [Rejection(origin, f"not a readable zip archive ({err})")]
    files = [i for i in infos if not i.is_dir()]
    if len(files) > max_members:
        return [], [Rejection(origin, f"archive has {len(files):,} files (limit {max_members:,})")]
    declared = sum(i.file_size for i in files)
    if declared > max_total:
        return [], [Rejection(origin, f"archive unpacks to {declared / 1e6:.0f} MB (limit {max_total / 1e6:.0f} MB)")]
    members: list[Member] = []
    rejected: list[Rejection] = []
    total = 0
    with zf:
        for info in files:
            where = f"{origin}:{info.filename}"
            base = posixpath.basename(info.filename.replace("\\", "/"))
            if base.startswith(".") or info.filename.startswith("__MACOSX/"):
                continue  # system leftovers (.DS_Store, resource forks), not articles
            problem = unsafe_member_name(info.filename)
            if problem:
                rejected.append(Rejection(where, f"unsafe name in archive: {problem}"))
                continue
            suffix = posixpath.splitext(base)[1].lower()
            if suffix == ".zip":
                rejected.append(Rejection(where, "nested archive: unzip it and upload its files"))
                continue
            if suffix not in MEMBER_SUFFIXES:
                rejected.append(Rejection(where, f"unsupported file type '{suffix or 'none'}' in archive"))
                continue
            if info.flag_bits & 0x1:
                rejected.append(Rejection(where, "encrypted member"))
                continue
            if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
                rejected.append(Rejection(where, f"compression ratio {info.file_size / max(info.compress_size, 1):.0f}:1 "
                                                 f"looks like a zip bomb (limit {max_ratio:.0f}:1)"))
                continue
            limit = max_member if suffix not in (".jsonl", ".csv") else max_total
            try:
                with zf.open(info) as f:  # read at most the limit: declared sizes can lie
                    body = f.read(min(limit, max_total - total) + 1)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as err:
                rejected.append(Rejection(where, f"damaged member ({err})"))
                continue
            if len(body) > max_total - total:
                rejected.append(Rejection(origin, f"archive unpacks to more than {max_total / 1e6:.0f} MB (limit): "
                                                  f"stopped at {info.filename}"))
                break
            if len(body) > limit:
                rejected.append(Rejection(where, f"too large: over {limit / 1e6:.0f} MB (limit)"))
                continue
            total += len(body)
            members.append(Member(info.filename, body))
    return members, rejected
