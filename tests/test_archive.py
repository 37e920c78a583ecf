"""Uploaded zip archives: bombs, too many members, unsafe names, nested archives, damage."""
from __future__ import annotations

import io
import zipfile

from analysis.files.archive import MAX_MEMBERS, read_zip, unsafe_member_name
from analysis.files.workspace import Workspace

ARTICLE = "Le Kremlin a annoncé mardi la visite de Vladimir Poutine à Pyongyang, selon l'agence KCNA."


def _zip(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_good_members_come_back_and_system_files_are_skipped():
    data = _zip({"a/one.txt": ARTICLE.encode(), "two.html": b"<p>x</p>", "__MACOSX/._one.txt": b"\x00",
                 ".DS_Store": b"\x00\x01", "dir/": b""})
    members, rejected = read_zip(data, origin="up.zip")
    assert [m.name for m in members] == ["a/one.txt", "two.html"]
    assert members[0].data == ARTICLE.encode()
    assert rejected == []


def test_path_traversal_and_absolute_names_are_rejected():
    data = _zip({"../../x.txt": b"evil", "/etc/y.txt": b"evil", "ok.txt": ARTICLE.encode(), "a/../../z.txt": b"evil"})
    members, rejected = read_zip(data, origin="up.zip")
    assert [m.name for m in members] == ["ok.txt"]
    reasons = {r.input: r.reason for r in rejected}
    assert "outside the archive" in reasons["up.zip:../../x.txt"]
    assert "unsafe name" in reasons["up.zip:a/../../z.txt"]
    assert any("absolute path" in r.reason for r in rejected)
    assert unsafe_member_name("..\\..\\w.txt") and unsafe_member_name("C:/w.txt") and unsafe_member_name("a/b.txt") is None


def test_zip_bomb_ratio_is_rejected():
    data = _zip({"bomb.txt": b"0" * (5 * 1024 * 1024), "ok.txt": ARTICLE.encode()})
    members, rejected = read_zip(data, origin="bomb.zip")
    assert [m.name for m in members] == ["ok.txt"]
    assert len(rejected) == 1 and rejected[0].input == "bomb.zip:bomb.txt"
    assert "zip bomb" in rejected[0].reason and "ratio" in rejected[0].reason


def test_too_many_members_rejects_the_archive():
    data = _zip({f"f{i}.txt": b"x" for i in range(MAX_MEMBERS + 1)}, compression=zipfile.ZIP_STORED)
    members, rejected = read_zip(data, origin="many.zip")
    assert members == []
    assert rejected[0].input == "many.zip" and f"{MAX_MEMBERS + 1:,} files (limit {MAX_MEMBERS:,})" in rejected[0].reason


def test_total_uncompressed_size_limit():
    data = _zip({"a.txt": b"a b " * 400, "b.txt": b"c d " * 400})
    members, rejected = read_zip(data, origin="big.zip", max_total=2000)
    assert members == [] and "unpacks to" in rejected[0].reason and "limit" in rejected[0].reason


def test_member_size_limit_and_nested_archive_and_unsupported_type():
    inner = _zip({"x.txt": b"x"})
    data = _zip({"big.txt": b"word " * 400, "inner.zip": inner, "image.png": b"\x89PNG", "ok.txt": ARTICLE.encode()})
    members, rejected = read_zip(data, origin="u.zip", max_member=1000)
    assert [m.name for m in members] == ["ok.txt"]
    reasons = {r.input: r.reason for r in rejected}
    assert "too large" in reasons["u.zip:big.txt"]
    assert "nested archive" in reasons["u.zip:inner.zip"]
    assert "unsupported file type '.png'" in reasons["u.zip:image.png"]


def test_not_a_zip():
    members, rejected = read_zip(b"PK\x03\x04 this is not really a zip", origin="fake.zip")
    assert members == [] and rejected[0].input == "fake.zip" and "not a readable zip" in rejected[0].reason


def test_workspace_stores_zip_members_under_its_own_names_only(tmp_path):
    root = tmp_path / "ws"
    data = _zip({"../../escape.txt": b"evil text here", "news/ok.txt": ARTICLE.encode(),
                 "news/en.txt": b"The Kremlin said on Tuesday that Putin would visit Pyongyang."})
    result = Workspace(root).add_files([("batch.zip", data)])
    assert len(result.added) == 2
    assert [r.input for r in result.rejected] == ["batch.zip:../../escape.txt"]
    assert not (tmp_path / "escape.txt").exists() and not (root / "escape.txt").exists()
    saved = sorted(p.name for p in (root / "articles").iterdir() if p.is_file() and p.suffix == ".txt")
    assert len(saved) == 2 and all("/" not in n and n.endswith(("_ok.txt", "_en.txt")) for n in saved)
