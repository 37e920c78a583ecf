"""The contract tables (CONTRACT.md): column order, assembly from per-article rows, writing."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from analysis.files.atomic import atomic_write_bytes

COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "title", "source", "url", "author", "published", "published_basis", "language",
                  "n_words", "text"],
    "boilerplate": ["doc_id", "start", "end", "text"],
    "sentences": ["doc_id", "sent_id", "start", "end", "text", "themes", "topic_id"],
    "mentions": ["doc_id", "sent_id", "start", "end", "text", "label", "actor_id"],
    "actors": ["actor_id", "name", "type", "n_mentions", "n_docs"],
    "timex": ["doc_id", "sent_id", "start", "end", "text", "type", "value", "basis"],
    "claims": ["claim_id", "doc_id", "sent_id", "start", "end", "text", "speaker_id", "speaker_text", "cue",
               "modality", "themes", "event_date", "event_date_basis", "group_id"],
    "claim_groups": ["group_id", "label", "n_claims", "n_docs", "stance"],
    "topics": ["topic_id", "label", "top_terms", "size"],
    "rejected": ["input", "reason"],
}


def frame(rows: list[dict], name: str) -> pd.DataFrame:
    """Rows as a DataFrame with the contract columns first (missing ones added empty)."""
    return conform(pd.DataFrame(rows), name)


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """The contract columns first, in contract order; other columns after."""
    for col in COLUMNS[name]:
        if col not in df.columns:
            df[col] = pd.Series(dtype="object")
    extra = [c for c in df.columns if c not in COLUMNS[name]]
    return df[COLUMNS[name] + extra]


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Each table as NAME.csv (UTF-8, RFC 4180 quoting) and NAME.parquet, written atomically."""
    out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        buf = io.StringIO()
        df.to_csv(buf, index=False, lineterminator="\r\n")
        atomic_write_bytes(out / f"{name}.csv", buf.getvalue().encode("utf-8"))
        pbuf = io.BytesIO()
        _parquet_safe(df).to_parquet(pbuf, index=False)
        atomic_write_bytes(out / f"{name}.parquet", pbuf.getvalue())


def read_tables(out: Path, names=None) -> dict[str, pd.DataFrame]:
    """Tables written by `write_tables` (Parquet)."""
    names = names or [n for n in COLUMNS if (out / f"{n}.parquet").exists()]
    return {n: pd.read_parquet(out / f"{n}.parquet") for n in names}


def _parquet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding mixed types become strings so Arrow accepts them."""
    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    return df
