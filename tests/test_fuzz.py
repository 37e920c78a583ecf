"""Property-based fuzzing of the readers, decoding, cleaning and segmentation: no uncaught
exception on any input; bad inputs are rejected with a reason, good ones read."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.map.prepare import prepare
from analysis.map.cleaning import find_chrome
from analysis.files.decoding import DecodeError, decode_bytes
from analysis.files.readers import read_inputs
from analysis.map.segment import content_blocks
from analysis.map.dates.tagger import find_absolute_dates

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
texts = st.one_of(
    st.text(max_size=3000),
    st.text(alphabet=st.sampled_from(list(".,;:!?«»\"'()[]-–—•*\n\t ")), max_size=500),  # only punctuation
    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs")), max_size=2000),  # mixed scripts
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=20), st.integers(1, 5000)),  # huge single lines
)


@FUZZ
@given(st.binary(max_size=5000))
def test_decode_random_bytes(data):
    try:
        text = decode_bytes(data)
    except DecodeError as err:
        assert str(err)  # a reason
    else:
        assert isinstance(text, str) and text.strip() and "\r" not in text


@FUZZ
@given(texts)
def test_prepare_and_segment_any_text(text):
    from analysis.records import RawArticle

    p = prepare(RawArticle("x", text, "x"), find_dates=find_absolute_dates)
    spans = [(c.start, c.end) for c in p.chrome]
    for c in p.chrome:
        assert text[c.start:c.end] == c.text
    for b in content_blocks(text, spans):
        assert 0 <= b.start < b.end <= len(text) and text[b.start:b.end].strip()
        assert not any(s < b.end and b.start < e for s, e in spans)
    assert isinstance(find_chrome(text), list)


@FUZZ
@given(st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "title", "date", "body", "content", "source"]),
                    st.one_of(st.text(max_size=200), st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
                    max_size=5),
    st.text(max_size=80),  # not JSON
), max_size=12))
def test_malformed_jsonl(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("j") / "c.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows), encoding="utf-8")
    articles, rejected = read_inputs([path])
    for a in articles:
        assert a.text.strip()
    for r in rejected:
        assert r.reason


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".html", ".txt", ".md", ".jsonl"]))
def test_random_bytes_in_any_file_type(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("f") / f"x{suffix}"
    path.write_bytes(data)
    articles, rejected = read_inputs([path])
    assert all(r.reason for r in rejected)
    assert all(a.text.strip() for a in articles)


@FUZZ
@given(st.text(max_size=2000))
def test_malformed_html(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("h") / "p.html"
    path.write_text("<html><body><div><p>" + body + "</p><script>", encoding="utf-8")
    articles, rejected = read_inputs([path])
    assert len(articles) + len(rejected) == 1


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(texts, st.binary(max_size=400)), min_size=1, max_size=4))
def test_build_on_random_corpora(tmp_path_factory, items):
    """The whole build (spaCy and every extractor) on random files: every file is analysed or
    rejected with a reason; nothing raises."""
    from analysis.build import build

    base = tmp_path_factory.mktemp("b")
    corpus = base / "c"
    corpus.mkdir()
    for i, item in enumerate(items):
        path = corpus / f"{i}.txt"
        path.write_bytes(item if isinstance(item, bytes) else item.encode("utf-8", "surrogatepass"))
    report = build([corpus], base / "out", cache_dir=base / "cache", progress=False, workers=1)
    assert report.n_articles + report.n_rejected == len(items)
    assert all(r.reason for r in report.rejected)
