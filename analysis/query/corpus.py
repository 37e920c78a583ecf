"""One loaded corpus: its contract tables, actor names, and what derives from the corpus alone
(computed once per loaded corpus)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Corpus:
    """All tables of one built corpus (read-only: the pages and queries never mutate them)."""

    name: str
    path: str
    tables: dict[str, pd.DataFrame]
    actor_names: dict[str, str] = field(default_factory=dict)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)
    on_memo: Callable[[], None] | None = field(default=None, repr=False, compare=False)  # after each new memo

    @classmethod
    def from_tables(cls, tables: Mapping[str, pd.DataFrame], *, name: str = "corpus", path: str = "",
                    actor_names: dict[str, str] | None = None) -> Corpus:
        """A corpus of these tables; actor names from the actors table unless given."""
        tables = dict(tables)
        if actor_names is None:
            actors = tables.get("actors")
            actor_names = {} if actors is None or actors.empty else dict(zip(actors["actor_id"], actors["name"]))
        return cls(name=name, path=path, tables=tables, actor_names=actor_names)

    def __getitem__(self, name: str) -> pd.DataFrame:
        table = self.tables.get(name)
        return pd.DataFrame() if table is None else table

    def memo(self, key: str, compute):
        """`compute()` once per loaded corpus (filter options, lookups): the corpus is cached
        for the process and never mutated, so what derives from it alone is computed once."""
        if key not in self._memo:
            self._memo[key] = compute()
            if self.on_memo is not None:
                self.on_memo()
        return self._memo[key]

    def memoized(self, key: str) -> bool:
        """Whether `memo(key, ...)` would return at once (a page shows a spinner otherwise)."""
        return key in self._memo
