"""Answers prepared once per version of the store's data.

The data changes only when something is written (an import, a stored reading, a decision),
so a read answer is computed once, serialised once, and served from memory with its ETag
until the store's data version moves. The version is read from the store on every request
(SQLite: ``PRAGMA data_version`` on one long-lived connection, which moves whenever any
other connection, in this process or another, commits), so several processes on one store
each notice another's import at their next request. On other databases (PostgreSQL) a cheap
summary of the tables is compared instead, at most once a second.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from tierwatch.statements import StatementReader, Store, open_reader, open_store
from tierwatch.statements.store import as_url, default_url

CACHE_CONTROL = "public, no-cache"
"""Clients may keep an answer but revalidate it (If-None-Match) before use: an import may
change it at any moment, and the 304 costs the server next to nothing."""

_MAX_ANSWERS = 4096
_SUMMARY_INTERVAL = 1.0
_SUMMARY_SQL = ("SELECT (SELECT COUNT(*) FROM statements), (SELECT MAX(last_seen) FROM "
                "statements), (SELECT MIN(first_seen) FROM statements), (SELECT COUNT(*) FROM "
                "sources), (SELECT COUNT(*) FROM store_state), (SELECT MAX(id) FROM decisions), "
                "(SELECT MAX(id) FROM evidence)")


@dataclass(frozen=True)
class Prepared:
    """A serialised answer and its validator."""

    body: bytes
    media_type: str
    etag: str
    status: int = 200

    @classmethod
    def of_json(cls, payload: Any) -> Prepared:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return cls.of_bytes(body, "application/json")

    @classmethod
    def of_bytes(cls, body: bytes, media_type: str) -> Prepared:
        return cls(body, media_type, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')

    def headers(self) -> dict[str, str]:
        return {"etag": self.etag, "cache-control": CACHE_CONTROL}

    def not_modified(self, if_none_match: str | None) -> bool:
        if not if_none_match:
            return False
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or self.etag in tags

    def response(self, request: Request) -> Response:
        if self.not_modified(request.headers.get("if-none-match")):
            return Response(status_code=304, headers=self.headers())
        return Response(self.body, status_code=self.status, media_type=self.media_type,
                        headers=self.headers())


def cache_key(path: str, query_string: bytes) -> str:
    return path + "?" + query_string.decode("latin-1")


class StoreAnswers:
    """One store as the API reads it: readers per thread, the data version, the answers."""

    def __init__(self, db: str | None) -> None:
        self.url = default_url() if db is None else as_url(db)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, Prepared] = OrderedDict()
        self._memos: dict[str, Any] = {}
        self._version: object = None
        self._store: Store | None = None
        self._version_connection: sqlite3.Connection | None = None
        self._summary_checked = 0.0

    # -- the store -----------------------------------------------------------------------

    def open(self) -> None:
        """Create, upgrade or seed the store if needed, once, at start-up."""
        open_reader(self.url)
        self.current_version()

    def reader(self) -> StatementReader:
        """This thread's reader (the SQLite fast path holds a connection per thread)."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = open_reader(self.url)
            self._local.reader = reader
        return reader

    def store(self) -> Store:
        """The full store (SQLAlchemy: one engine, safe across threads), for writes."""
        with self._lock:
            if self._store is None:
                self._store = open_store(self.url)
            return self._store

    # -- the data version ----------------------------------------------------------------

    def current_version(self) -> object:
        """The store's data version now; a change drops every prepared answer."""
        with self._lock:
            version = self._read_version()
            if version != self._version:
                self._answers.clear()
                self._memos.clear()
                self._version = version
            return version

    def _read_version(self) -> object:
        path = self._sqlite_path()
        if path is not None:
            if self._version_connection is None:
                self._version_connection = sqlite3.connect(
                    f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            row = self._version_connection.execute("PRAGMA data_version").fetchone()
            return ("sqlite", row[0])
        now = time.monotonic()
        if self._version is not None and now - self._summary_checked < _SUMMARY_INTERVAL:
            return self._version
        self._summary_checked = now
        import sqlalchemy as sa

        if self._store is None:
            self._store = open_store(self.url)
        with self._store.engine.connect() as connection:
            row = connection.execute(sa.text(_SUMMARY_SQL)).one()
        return ("summary", tuple(row))

    def _sqlite_path(self) -> str | None:
        prefix = "sqlite:///"
        if self.url.startswith(prefix) and self.url != prefix + ":memory:":
            return self.url[len(prefix):]
        return None

    # -- answers -------------------------------------------------------------------------

    def lookup(self, key: str) -> Prepared | None:
        self.current_version()
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def prepare(self, key: str, compute: Callable[[], Prepared]) -> Prepared:
        """The answer under ``key``, computed (outside the lock) if not held for the
        current version; an answer computed while the data changed is not kept."""
        found = self.lookup(key)
        if found is not None:
            return found
        version = self._version
        prepared = compute()
        with self._lock:
            if version == self._version:
                self._answers[key] = prepared
                while len(self._answers) > _MAX_ANSWERS:
                    self._answers.popitem(last=False)
        return prepared

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """An intermediate result shared by several answers (the panel, every statement),
        computed once per data version; callers must not change it."""
        self.current_version()
        with self._lock:
            if name in self._memos:
                return self._memos[name]
            version = self._version
        value = compute()
        with self._lock:
            if version == self._version:
                self._memos[name] = value
        return value

    def drop_all(self) -> None:
        """Forget every prepared answer (after this process wrote)."""
        with self._lock:
            self._answers.clear()
            self._memos.clear()
            self._version = None


class PreparedAnswers:
    """ASGI middleware: a GET whose answer is prepared for the current data version is
    served from memory (with ETag and 304) before routing, the common case of a look-up."""

    def __init__(self, app: Any, answers: StoreAnswers) -> None:
        self.app = app
        self.answers = answers

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        prepared = self.answers.lookup(cache_key(scope["path"], scope["query_string"]))
        if prepared is None:
            await self.app(scope, receive, send)
            return
        if_none_match = None
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
        headers = [(b"etag", prepared.etag.encode()), (b"cache-control", CACHE_CONTROL.encode())]
        if prepared.not_modified(if_none_match):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers += [(b"content-type", prepared.media_type.encode()),
                    (b"content-length", str(len(prepared.body)).encode())]
        await send({"type": "http.response.start", "status": prepared.status,
                    "headers": headers})
        body = b"" if scope["method"] == "HEAD" else prepared.body
        await send({"type": "http.response.body", "body": body})


def serve_prepared(request: Request, compute: Callable[[], Any]) -> Response:
    """A read endpoint's answer: prepared once per data version (``compute`` returns the
    JSON payload), with ETag, Cache-Control and 304 on a matching If-None-Match."""
    answers: StoreAnswers = request.app.state.answers
    key = cache_key(request.url.path, request.scope["query_string"])
    prepared = answers.prepare(key, lambda: Prepared.of_json(compute()))
    return prepared.response(request)
