"""On-disk cache of per-article results: JSON with a checksum, written atomically.

Only JSON is ever read back (nothing is unpickled); a corrupted or truncated entry fails its
checksum, is reported as a miss and gets rebuilt.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.files.atomic import atomic_write_text


class ResultCache:
    """Per-article results under `root/articles/<key[:2]>/<key>.json`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.corrupt = 0  # entries found damaged and ignored during this run

    def _path(self, key: str) -> Path:
        return self.root / "articles" / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            envelope = json.loads(raw)
            body = envelope["body"]
            if envelope.get("key") != key or envelope.get("sha256") != _digest(body):
                raise ValueError("checksum mismatch")
            return json.loads(body)
        except (ValueError, KeyError, TypeError):
            self.corrupt += 1
            return None

    def put(self, key: str, value: dict) -> None:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        envelope = json.dumps({"key": key, "sha256": _digest(body), "body": body}, ensure_ascii=False)
        atomic_write_text(self._path(key), envelope)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
