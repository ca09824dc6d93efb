"""Reading many documents: in this process by default, on Dask when asked or when it pays.

Starting a local cluster costs seconds, and on two cores its workers read well under twice as
fast as one process, so a local cluster only pays for batches whose reading takes longer than
that start-up would save. ``benchmarks/bench_reading.py`` measures the three numbers that
decide it (reading seconds per megabyte in one process, the cluster's start-up, the workers'
efficiency) and prints them; they are kept here as ``MEASURED``. ``dask_pays`` estimates both
ways for the batch's total size on this machine's cores and picks the faster; a scheduler
address always means Dask. On Dask, files are cut into chunks: a ``distributed.LocalCluster``
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


@dataclass(frozen=True, slots=True)
class DaskCosts:
    """What decides whether a local cluster pays, as ``bench_reading.py`` measures it."""

    seconds_per_megabyte: float  # reading in one process
    startup_seconds: float  # starting the local cluster and its workers
    efficiency: float  # N workers read N x efficiency times as fast as one process


# From `python3 benchmarks/bench_reading.py` (2,400 documents) on the reference machine (2
# cores), the median of three runs on the idle machine (2026-12-02, at commit 1d38a4a): one
# process 1.02 s/MB (about 17,700 documents a minute), the cluster's start-up 1.11 s and 2
# workers at 1.56 times one process (efficiency 0.78), so a cluster pays from about 2.9 MB
# (some 870 news-length articles). With other work on both cores the efficiency falls (0.38
# measured so) and a cluster never pays; the estimate is for the idle machine. The benchmark
# prints the values to put here when the reader's speed changes.
MEASURED = DaskCosts(seconds_per_megabyte=1.02, startup_seconds=1.11, efficiency=0.78)


def dask_pays(total_bytes: int, cores: int, costs: DaskCosts = MEASURED) -> bool:
    """True when reading ``total_bytes`` on a local cluster of ``cores`` workers, start-up
    included, is estimated to be faster than reading them in this process."""
    if cores < 2:
        return False
    alone = total_bytes / 1e6 * costs.seconds_per_megabyte
    spread = costs.startup_seconds + alone / (cores * costs.efficiency)
    return spread < alone


def break_even_bytes(cores: int, costs: DaskCosts = MEASURED) -> float | None:
    """The batch size (bytes) from which ``dask_pays``; None when it never does."""
    gain = 1 - 1 / (cores * costs.efficiency) if cores >= 2 else 0.0
    if gain <= 0:
        return None
    return costs.startup_seconds / gain / costs.seconds_per_megabyte * 1e6
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
    threshold: int | None = None,
) -> list[Outcome]:
    """Every file's outcome, in the given order. Dask is used with a ``scheduler``, from
    ``threshold`` files when one is given, else where ``dask_pays`` for the files' sizes."""
    if scheduler is None:
        if threshold is not None:
            on_dask = len(names) >= threshold
        else:
            on_dask = len(names) > 1 and dask_pays(_total_size(names), os.cpu_count() or 1)
        if not on_dask:
            return [read_one(name) for name in names]
    if scheduler is not None:
        check_scheduler_address(scheduler)
    from_stdin = [n for n in names if n == STDIN_NAME]
    outcomes = {n: read_one(n) for n in from_stdin}
    remote = [n for n in names if n != STDIN_NAME]
    for outcome in read_on_dask(remote, scheduler=scheduler, progress=progress):
        outcomes[outcome.name] = outcome
    return [outcomes[name] for name in names]


def _total_size(names: Sequence[str]) -> int:
    """The files' bytes as the file system reports them (unreadable ones count nothing: their
    outcome is an error either way)."""
    total = 0
    for name in names:
        if name == STDIN_NAME:
            continue
        try:
            total += os.stat(name).st_size
        except OSError:
            continue
    return total


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
