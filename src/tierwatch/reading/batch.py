"""Reading many documents: in this process by default, on Dask when asked or when it pays.

Starting a local cluster costs seconds (about 5 s on two cores), and one process reads about
10,000 articles a minute, so a local cluster only pays for large batches on a machine with
several cores: ``benchmarks/bench_reading.py`` measures both in the same run. Files are read
here unless a scheduler address is given or there are at least ``DASK_THRESHOLD`` of them
and more than two cores. On Dask, files are cut into chunks: a ``distributed.LocalCluster``
of one single-threaded worker process per core (the reader is pure Python, threads would
share one interpreter lock), or the cluster behind ``scheduler``. A tqdm bar on stderr counts
documents as chunks finish.

Each file's outcome is either its reading or the one-line message saying why not; one bad file
never stops the others. Outcomes come back in the order the files were given.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tierwatch.errors import InvalidInputError
from tierwatch.reading.loading import STDIN_NAME
from tierwatch.reading.model import DocumentReading
from tierwatch.reading.pipeline import read_path

DASK_THRESHOLD = 5_000
_MIN_CORES = 3
_CONNECT_TIMEOUT = "5s"
_ADDRESS = re.compile(r"(?:(?:tcp|tls|inproc|ucx|ws|wss)://)?[\w.\-\[\]:]+:\d{1,5}")


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
    except OSError as error:
        return Outcome(name, None, f"{name}: unreadable ({error.strerror or error})")
    except (UnicodeError, ValueError, RecursionError) as error:
        return Outcome(name, None, f"{name}: unreadable ({error.__class__.__name__})")


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
    if scheduler is None and (len(names) < threshold or (os.cpu_count() or 1) < _MIN_CORES
                              and threshold == DASK_THRESHOLD):
        return [read_one(name) for name in names]
    if scheduler is not None:
        check_scheduler_address(scheduler)
    from_stdin = [n for n in names if n == STDIN_NAME]
    outcomes = {n: read_one(n) for n in from_stdin}
    remote = [n for n in names if n != STDIN_NAME]
    for outcome in read_on_dask(remote, scheduler=scheduler, progress=progress):
        outcomes[outcome.name] = outcome
    return [outcomes[name] for name in names]


def check_scheduler_address(scheduler: str) -> str:
    """``host:port`` or ``tcp://host:port``; anything else is one error line."""
    if not _ADDRESS.fullmatch(scheduler.strip()):
        raise InvalidInputError(f"--scheduler {scheduler!r}: not a scheduler address "
                                "(expected tcp://HOST:PORT)")
    return scheduler.strip()


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
        try:
            client = Client(scheduler, timeout=_CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            detail = " ".join(str(error).split())[:160] or error.__class__.__name__
            raise InvalidInputError(f"--scheduler {scheduler}: cannot reach the scheduler "
                                    f"({detail})") from None
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
