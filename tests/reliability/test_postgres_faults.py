"""PostgreSQL under faults: the server drops the importing connection mid-import (as when it
is stopped or restarted): one error line, nothing stored. Runs where .ci/run started a server
(TIERWATCH_TEST_POSTGRES_URL, a database that may be wiped)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.conftest import wipe_postgres
from tests.reliability.conftest import one_error_line, run

from tierwatch.statements import open_store

URL = os.environ.get("TIERWATCH_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="TIERWATCH_TEST_POSTGRES_URL not set")


def test_a_connection_dropped_mid_import_is_one_error_and_stores_nothing(
        tip_data_dir: Path) -> None:
    assert URL is not None
    wipe_postgres(URL)
    store = open_store(URL, seed=False)
    digest = store.content_digest()
    store.engine.dispose()
    killer = sa.create_engine(URL)
    killed: list[int] = []
    stop = threading.Event()

    def drop_the_writer() -> None:
        with killer.connect() as connection:
            while not stop.is_set() and not killed:
                rows = connection.execute(sa.text(
                    "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
                    "datname = current_database() AND state LIKE 'idle in transaction%' "
                    "OR (state = 'active' AND query ILIKE 'INSERT INTO statements%')")).all()
                for (pid,) in rows:
                    connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"),
                                       {"pid": pid})
                    killed.append(pid)
                connection.commit()
                time.sleep(0.02)

    thread = threading.Thread(target=drop_the_writer)
    thread.start()
    try:
        result = run("import", str(tip_data_dir), "--db", URL)
    finally:
        stop.set()
        thread.join()
        killer.dispose()
    assert killed, "the import finished before its connection could be dropped"
    line = one_error_line(result)
    assert "database postgresql" in line
    assert open_store(URL, seed=False).content_digest() == digest
