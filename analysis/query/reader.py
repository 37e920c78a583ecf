"""One article's rows for the Reader: each table's rows of that article, selected when first read
(the Reader reads only the tables of the layers shown)."""
from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd


class ArticleRows(Mapping[str, pd.DataFrame]):
    """table name -> the rows of article `doc_id` in that table (an empty frame for a table the
    corpus lacks); each selected once, on first access."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], doc_id: str) -> None:
        self.tables, self.doc_id = tables, doc_id
        self._rows: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._rows:
            table = self.tables.get(name)
            if table is None or table.empty or "doc_id" not in table:
                self._rows[name] = pd.DataFrame()
            else:
                self._rows[name] = table[table["doc_id"] == self.doc_id]
        return self._rows[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)


def article_rows(tables: Mapping[str, pd.DataFrame], doc_id: str) -> ArticleRows:
    """The rows of one article in every table (boilerplate, sentences, claims, mentions, timex...)."""
    return ArticleRows(tables, doc_id)
