"""Measure the reliability table of issue 12 again, on this machine, now.

    python3 tests/reliability/measure.py [--kills 30] [--fuzz-seconds 60]

1. bad inputs: every case of ``matrix.py`` through the real command (in this process), sorted
   into handled / traceback / wrongly accepted / too slow / other;
2. kills during a new store's first open: a child opening a new store killed at a random
   moment, then the store opened again (broken if that fails);
3. fuzzed documents through the reading API (damaged PDFs, random bytes, HTML) for a fixed
   time: how many raised anything but the project's own error, and how many distinct kinds;
4. store and output write failures (read-only and full tmpfs where root may mount one, a
   locked store): shown as one error line, or as a traceback.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.reliability import matrix  # noqa: E402
from tests.reliability.conftest import child_env  # noqa: E402


def bad_inputs(tmp: Path) -> tuple[int, int, Counter[str]]:
    from tierwatch.statements import open_store

    cases = matrix.cases(tmp)
    db = tmp / "kb.sqlite"
    open_store(str(db)).engine.dispose()
    kinds: Counter[str] = Counter()
    for case in cases:
        problem = matrix.check(case, db, timeout=120)
        kinds["handled" if problem is None else problem.split(":")[0].split(" (")[0]] += 1
    return kinds["handled"], len(cases), kinds


def kills(tmp: Path, count: int) -> tuple[int, int]:
    rng = random.Random(12)
    broken = 0
    for number in range(count):
        db = tmp / f"kill{number}.sqlite"
        child = subprocess.Popen([sys.executable, "-m", "tierwatch.cli", "country", "Cambodia",
                                  "--db", str(db)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=child_env())
        time.sleep(rng.uniform(0.3, 2.5))
        child.kill()
        child.wait()
        again = subprocess.run([sys.executable, "-m", "tierwatch.cli", "country", "Cambodia",
                                "--db", str(db)], capture_output=True, text=True,
                               env=child_env())
        broken += again.returncode != 0
    return broken, count


def fuzz(seconds: float) -> tuple[int, int, Counter[str]]:
    from tests.reliability.test_fuzzing import SEED_PDF

    from tierwatch.errors import TierwatchError
    from tierwatch.reading.loading import load_bytes
    from tierwatch.reading.pipeline import read_loaded

    rng = random.Random(7)
    html_parts = ["<html>", "</html>", "<body>", "<p>", "</p>", "<div>", "<script>", "<!--",
                  "Cambodia", "Tier 3", "2023", " ", "\n", "&#0;", "<table><tr><td>"]
    crashes: Counter[str] = Counter()
    total = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kind = total % 3
        if kind == 0:
            data = bytearray(SEED_PDF)
            for _ in range(rng.randint(1, 12)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            name, payload = "f.pdf", bytes(data)
        elif kind == 1:
            name, payload = "f.txt", rng.randbytes(rng.randint(1, 2000))
        else:
            name = "f.html"
            payload = "".join(rng.choice(html_parts) for _ in range(60)).encode()
        total += 1
        try:
            read_loaded(load_bytes(name, payload))
        except TierwatchError:
            pass
        except Exception as error:  # noqa: BLE001 (counting what escapes is the point)
            crashes[f"{error.__class__.__name__} ({name})"] += 1
    return sum(crashes.values()), total, crashes


def _mount(folder: Path, megabytes: int) -> bool:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs",
                           str(folder)],
                          capture_output=True)
    return done.returncode == 0


def _fill(path: Path) -> None:
    """Write until the file system is full."""
    with path.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass


def write_failures(tmp: Path, shared: Path) -> tuple[int, int, list[str]]:
    """(tracebacks, cases, notes) over read-only, full and locked stores and targets."""
    from tierwatch.statements import open_store

    article = tmp / "a.txt"
    article.write_text("Cambodia was placed on Tier 3 in the 2023 report.\n", encoding="utf-8")
    writes = [["import", str(shared / "data" / "tip")], ["read", str(article), "--store"],
              ["decide", "Cambodia", "--year", "2024", "--tier", "3", "--justification", "x",
               "--author", "a"]]
    outputs = [["export", "--format", "csv", "-o", "{disk}/x.csv"],
               ["export", "--format", "parquet", "-o", "{disk}/x.parquet"],
               ["report", "Cambodia", "--year", "2022", "--format", "html", "-o",
                "{disk}/r.html"],
               ["template", "Cambodia", "--year", "2024", "-o", "{disk}/t.yaml"],
               ["build-data", str(shared / "data" / "tip"), "-o", "{disk}/built"]]
    results: list[tuple[str, bool]] = []
    notes: list[str] = []
    seeded = tmp / "seeded.sqlite"
    open_store(str(seeded)).engine.dispose()
    for mode in ("read-only", "full"):
        disk = tmp / f"disk-{mode}"
        if not _mount(disk, 2 if mode == "full" else 64):
            notes.append(f"{mode} disk: cannot mount a tmpfs here (not root?), not measured")
            continue
        try:
            if mode == "full":
                _fill(disk / "filler")
            else:
                shutil.copyfile(seeded, disk / "kb.sqlite")
                subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            db = disk / "kb.sqlite" if mode == "read-only" else tmp / "other.sqlite"
            if mode == "full":
                shutil.copyfile(seeded, db)
            for args in writes if mode == "read-only" else []:
                results.append((f"{mode} store: {args[0]}", _one_line(args, db)))
            for args in outputs:
                filled = [a.replace("{disk}", str(disk)) for a in args]
                results.append((f"{mode} disk: {' '.join(args[:3])}",
                                _one_line(filled, tmp / "seeded.sqlite")))
            if mode == "full":
                results.append(("full disk: new store",
                                _one_line(["import", str(shared / "data" / "tip")],
                                          disk / "new.sqlite")))
        finally:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)
    locked = tmp / "locked.sqlite"
    shutil.copyfile(seeded, locked)
    holder = sqlite3.connect(locked, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    child = subprocess.Popen([sys.executable, "-m", "tierwatch.cli", "read", str(article),
                              "--store", "--db", str(locked)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, env=child_env())
    time.sleep(8)  # longer than the old 5 s wait
    holder.execute("COMMIT")
    holder.close()
    _, stderr = child.communicate(timeout=180)
    results.append(("locked store (held 8 s): read --store waits and succeeds",
                    child.returncode == 0 and "Traceback" not in stderr))
    failed = [label for label, ok in results if not ok]
    notes += [f"not one line: {label}" for label in failed]
    return len(failed), len(results), notes


def _one_line(args: list[str], db: Path) -> bool:
    result = subprocess.run([sys.executable, "-m", "tierwatch.cli", *args, "--db", str(db)]
                            if args[0] != "build-data" else
                            [sys.executable, "-m", "tierwatch.cli", *args],
                            capture_output=True, text=True, env=child_env(), timeout=300)
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    return (result.returncode == 2 and len(errors) == 1 and "Traceback" not in result.stderr
            and len([line for line in lines if not line.startswith("stored ")]) == 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--fuzz-seconds", type=float, default=60.0)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "m").mkdir()
        handled, total, kinds = bad_inputs(tmp / "m")
        others = ", ".join(f"{n} {k}" for k, n in kinds.items() if k != "handled")
        print(f"bad inputs handled cleanly: {handled} of {total} ({others or 'none other'})")
        (tmp / "k").mkdir()
        broken, count = kills(tmp / "k", args.kills)
        print(f"kills during a new store's first open that leave it unusable: {broken} of {count}")
        crashed, fuzzed, distinct = fuzz(args.fuzz_seconds)
        print(f"fuzzed documents that crash the reading API: {crashed} of {fuzzed} in "
              f"{args.fuzz_seconds:.0f} s ({len(distinct)} distinct"
              + (": " + ", ".join(distinct) if distinct else "") + ")")
        (tmp / "w").mkdir()
        tracebacks, cases, notes = write_failures(tmp / "w", args.shared)
        print(f"write failures shown as tracebacks (or not waited for): {tracebacks} of {cases}")
        for note in notes:
            print(f"  {note}")


if __name__ == "__main__":
    main()
