"""Reading many documents: in-process for a handful, on Dask for a batch.

Starting a local cluster costs seconds, more than reading a few articles, so fewer than
``DASK_THRESHOLD`` files (32) are read in this process. From the threshold on, or whenever a
scheduler address is given, files are cut into chunks and read on Dask: a
``distributed.LocalCluster`` of one single-threaded worker process per core by default (the
reader is pure Python, threads would share one interpreter lock), or the cluster behind
``scheduler``. A tqdm bar on stderr counts documents as chunks finish.

Each file's outcome is either its reading or the one-line message of its ``InvalidInputError``;
one bad file never stops the others. Outcomes come back in the order the files were given.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tierwatch.errors import InvalidInputError
from tierwatch.reading.loading import STDIN_NAME
from tierwatch.reading.model import DocumentReading
from tierwatch.reading.pipeline import read_path

DASK_THRESHOLD = 32


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of reading one file: a reading, or the message saying why not."""

    name: str
    reading: DocumentReading | None
    error: str | None


def read_one(name: str) -> Outcome:
    """Read a file; a bad file becomes an outcome with its message, not an exception."""
    try:
        return Outcome(name, read_path(name), None)
    except InvalidInputError as error:
        return Outcome(name, None, str(error))
    except (OSError, UnicodeError, ValueError) as error:
        return Outcome(name, None, f"{name}: unreadable ({error})")


def read_chunk(names: Sequence[str]) -> list[Outcome]:
    """Read several files in one task (a Dask task per file would cost more than reading)."""
    return [read_one(name) for name in names]


def read_many(
    names: Sequence[str],
    scheduler: str | None = None,
    progress: bool = True,
    threshold: int = DASK_THRESHOLD,
) -> list[Outcome]:
    """Every file's outcome, in the given order."""
    if scheduler is None and len(names) < threshold:
        return [read_one(name) for name in names]
    from_stdin = [n for n in names if n == STDIN_NAME]
    outcomes = {n: read_one(n) for n in from_stdin}
    remote = [n for n in names if n != STDIN_NAME]
    for outcome in read_on_dask(remote, scheduler=scheduler, progress=progress):
        outcomes[outcome.name] = outcome
    return [outcomes[name] for name in names]


def _chunks(names: Sequence[str], workers: int) -> list[list[str]]:
    size = max(1, min(64, len(names) // max(1, workers * 8) or 1))
    return [list(names[i : i + size]) for i in range(0, len(names), size)]


def read_on_dask(
    names: Sequence[str],
    scheduler: str | None = None,
    progress: bool = True,
    workers: int | None = None,
) -> Iterable[Outcome]:
    """Read on a local cluster (or the one at ``scheduler``); outcomes in completion order."""
    from dask.distributed import Client, LocalCluster, as_completed
    from tqdm import tqdm

    if not names:
        return []
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers or (os.cpu_count() or 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        worker_count = len(client.scheduler_info().get("workers", {})) or 1
        futures = client.map(read_chunk, _chunks(names, worker_count), pure=False)
        results: list[Outcome] = []
        with tqdm(total=len(names), unit="doc", file=sys.stderr, disable=not progress,
                  desc="reading") as bar:
            for future in as_completed(futures):
                chunk = future.result()
                results.extend(chunk)
                bar.update(len(chunk))
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
