"""Reading throughput: one process, Dask, and a plain regex scan of the same texts, same run.

Generates N (default 2,400) news-length articles from the project's own templates
(deterministic: a fixed seed, no clock), writes them to a temporary folder, then

1. scans them with one plain regular expression (tier words and numbers): the floor any
   reader costs at least (file reading and one pass over the text);
2. reads them in this process, one after the other (what ``tierwatch read`` does by default);
3. reads them with ``tierwatch.reading.batch.read_many`` on a ``LocalCluster`` of one
   single-threaded worker process per core (2 on the reference machine); the cluster's
   start-up is timed apart.

Prints documents per minute for each, the ratio of the single process to the 10,000/min bar
and to the regex scan, the costs that decide whether Dask pays (seconds per megabyte in one
process, cluster start-up, workers' efficiency: the values ``batch.MEASURED`` keeps) and the
batch size from which Dask beats one process, measured and as ``batch.dask_pays`` estimates
it. Both readings must be identical. With ``--compare-src DIR`` (another checkout's ``src``,
e.g. the previous commit's) the same files are also read by that code in a child process, in
the same run: the ratio of the two single-process speeds is printed, and whether the two
codes read the same (a digest of every reading compared).

    python benchmarks/bench_reading.py [--docs 2400] [--workers 2] [--compare-src DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tierwatch.countries import all_countries
from tierwatch.reading.batch import (
    MEASURED,
    DaskCosts,
    Outcome,
    break_even_bytes,
    read_many,
    read_one,
)

BAR_PER_MINUTE = 10_000
_SCAN = re.compile(r"\bTier [123]\b|\bWatch List\b|\b[0-9][0-9,]*\b")

TIERS = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"]
HEADLINES = [
    "{c} {verb_head} in annual US trafficking ranking",
    "US report puts {c} on {tier}",
    "{c} officials react to trafficking report",
    "Trafficking report: where {c} stands this year",
]
LEADS = [
    "{city} - The State Department on {day} {verb} {c} to {tier} in its annual "
    "Trafficking in Persons report, citing {reason}.",
    "{c} {stays} on {tier} in the {year} Trafficking in Persons report released {day}, "
    "a decision officials in {city} said they had expected.",
    "The {year} Trafficking in Persons report moved {c} from {prev} to {tier}, "
    "pointing to {reason}.",
    "{city} - Washington has {verb} {c} to {tier}, the US trafficking report said on {day}.",
]
BODY = [
    "The report said authorities investigated {n1} cases and prosecuted {n2} suspects "
    "in {py}.",
    "According to the report, courts convicted {n3} traffickers during the reporting period, "
    "down from {n4} the year before.",
    "The {ministry} said police had arrested {n5} people and rescued {n6} victims in {py}.",
    "{person}, {role} at the {ministry}, rejected the findings, saying the government had "
    "done more than the report acknowledged.",
    "{ngo_person}, director of {ngo}, said the ranking was deserved and called for "
    "better shelters.",
    "Rights groups estimate that tens of thousands of workers are exploited on farms and "
    "fishing boats each year.",
    "An estimated {n7} people in {c} live in modern slavery, according to the Global "
    "Slavery Index.",
    "Officials said {n8} victims were repatriated from neighbouring countries last year.",
    "The government has adopted a new national action plan and trained {n9} labour "
    "inspectors, the {ministry} said.",
    "Diplomats noted that {other} remained on {other_tier}, as it was a year earlier.",
    "Analysts said {c} could face sanctions if it is relegated further next year.",
    "Corruption among local officials continued to hamper prosecutions, the report said, "
    "and few cases reached a verdict.",
    "Campaigners in {city} welcomed the attention but said victims still lacked legal aid "
    "and interpreters.",
    "The ministry's statement said {n10} trafficking cases were reported to police in {py}.",
]
CONTEXT = [
    "Workers recruited in rural districts often pay large fees to brokers before they leave, "
    "and many arrive abroad owing more than a year's wages. Some find that the job they were "
    "promised does not exist; others have their passports taken by employers on arrival.",
    "Labour inspectors in {city} say they lack vehicles, fuel and interpreters, and that the "
    "few inspections they manage are announced days in advance. Unions say the result is that "
    "abuse on plantations and construction sites rarely comes to light.",
    "The annual ranking matters beyond reputation: governments at the bottom can lose some "
    "forms of assistance, and development banks take the assessment into account when they "
    "weigh loans.",
    "Survivors who testify against recruiters often wait years for a verdict, and many give "
    "up before the case reaches court. Lawyers say witness protection exists on paper but is "
    "seldom funded.",
    "Local officials point to a hotline opened last year and to posters in bus stations that "
    "warn travellers about fake job offers, though critics say awareness campaigns cannot "
    "replace prosecutions.",
    "Shelters run by churches and charities take in women and children referred by police, "
    "but beds are scarce outside the capital and stays are limited to a few weeks.",
    "Border guards received new training this spring, according to people familiar with the "
    "programme, but checkpoints remain understaffed at night and along river crossings.",
    "Prosecutors complain that cases collapse when victims are deported before trial, and "
    "that judges often treat forced labour as a wage dispute rather than a crime.",
    "A parliamentary committee began hearings on a draft law that would license recruitment "
    "agencies and cap the fees they may charge, but a vote has been postponed twice.",
    "Fishing crews interviewed at the harbour described shifts of twenty hours, withheld pay "
    "and captains who kept identity papers locked away until the end of a voyage.",
    "Teachers in border villages say children leave school at thirteen or fourteen to follow "
    "relatives abroad, and that some are never heard from again.",
    "Economists note that remittances from workers abroad make up a large share of household "
    "income in poorer provinces, which makes families reluctant to report abusive agencies.",
]
FURNITURE = [
    "Related Stories",
    "{other} flood victims receive aid",
    "Markets rally as central bank holds rates",
    "Sign up for our daily newsletter",
    "Leave a comment",
]
WORDS = {
    "verb": ["downgraded", "relegated", "upgraded", "promoted", "bumped up", "moved"],
    "verb_head": ["slips", "rises", "stays", "drops", "climbs"],
    "stays": ["remains", "stays", "is kept"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "reason": ["weak prosecutions", "official complicity", "better victim protection",
               "new anti-trafficking laws", "few convictions of labour recruiters"],
    "ministry": ["Interior Ministry", "Ministry of Justice", "Labour Ministry",
                 "Ministry of Foreign Affairs"],
    "role": ["deputy director", "spokesman", "secretary of state", "senior adviser"],
    "ngo": ["a migrant rights group", "a child protection charity", "a legal aid centre"],
}
FIRST = ["Anan", "Maria", "Joseph", "Leila", "Tomas", "Grace", "Omar", "Ingrid", "Kofi", "Mei"]
LAST = ["Rahman", "Okafor", "Silva", "Haddad", "Novak", "Mensah", "Tanaka", "Petrov", "Diaz"]


def generate(count: int, seed: int = 2024) -> list[str]:
    """``count`` news-length articles (3-5 kB), the same for the same seed."""
    rng = random.Random(seed)
    names = [c.name for c in all_countries() if c.code != "USA"]
    documents = []
    for _ in range(count):
        country, other = rng.sample(names, 2)
        year = rng.randint(2004, 2024)
        slots = {
            "c": country, "other": other, "year": year, "py": year - 1,
            "city": rng.choice(["Capital", "The capital", "Port city"]),
            "tier": rng.choice(TIERS), "prev": rng.choice(TIERS),
            "other_tier": rng.choice(TIERS),
            "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "ngo_person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            **{key: rng.choice(values) for key, values in WORDS.items()},
            **{f"n{i}": rng.randint(3, 4000) for i in range(1, 11)},
        }
        body = rng.sample(BODY, rng.randint(9, len(BODY)))
        for paragraph in rng.sample(CONTEXT, rng.randint(8, len(CONTEXT))):
            body.insert(rng.randint(0, len(body)), paragraph)
        paragraphs = [rng.choice(HEADLINES), rng.choice(LEADS), *body]
        if rng.random() < 0.5:
            paragraphs += FURNITURE
        documents.append("\n\n".join(p.format(**slots) for p in paragraphs) + "\n")
    return documents


def _linearity() -> None:
    """One paragraph of N sentences and of 8 N: linear reading takes about 8 times as long."""
    from tierwatch.reading.pipeline import read_text

    sentence = "Cambodia is on Tier 3 in the 2023 report. "
    timings = []
    for count in (2_500, 20_000):
        start = time.perf_counter()
        read_text(sentence * count)
        timings.append(time.perf_counter() - start)
    print(f"one paragraph of 2,500 sentences: {timings[0]:.2f} s; of 20,000: {timings[1]:.2f} s "
          f"(ratio {timings[1] / timings[0]:.1f} for 8 times the text; quadratic would be 64)")


_CHILD = """
import hashlib, json, sys, time
from tierwatch.reading.batch import read_one
names = sys.stdin.read().split()
read_one(names[0])
start = time.perf_counter()
outcomes = [read_one(name) for name in names]
seconds = time.perf_counter() - start
print(seconds, hashlib.sha256(json.dumps(
    [o.reading.to_json() if o.reading else o.error for o in outcomes], sort_keys=True
).encode()).hexdigest())
"""


def _digest(outcomes: list[Outcome]) -> str:
    """One hash of every reading (or refusal), to tell two readers' outputs apart."""
    return hashlib.sha256(json.dumps(
        [o.reading.to_json() if o.reading else o.error for o in outcomes], sort_keys=True
    ).encode()).hexdigest()


def _other_code(source: str, names: list[str]) -> tuple[float, str]:
    """Seconds the reader in ``source`` (a ``src`` folder) takes over ``names`` in one
    process, and the digest of its readings."""
    env = {**os.environ, "PYTHONPATH": source}
    done = subprocess.run([sys.executable, "-c", _CHILD], input="\n".join(names), env=env,
                          capture_output=True, text=True, check=True)
    seconds, digest = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2400)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--compare-src", help="another checkout's src folder to time as well")
    args = parser.parse_args()

    from dask.distributed import LocalCluster

    documents = generate(args.docs)
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for index, text in enumerate(documents):
            path = Path(folder) / f"article_{index:05d}.txt"
            path.write_text(text, encoding="utf-8")
            names.append(str(path))
        mean_size = sum(len(d) for d in documents) / len(documents)
        print(f"corpus: {len(names)} documents, mean {mean_size:,.0f} characters")

        start = time.perf_counter()
        scanned = sum(len(_SCAN.findall(Path(name).read_text(encoding="utf-8")))
                      for name in names)
        scan_seconds = time.perf_counter() - start

        read_one(names[0])  # the vocabulary compiled once, as in any long run
        start = time.perf_counter()
        baseline = [read_one(name) for name in names]
        baseline_seconds = time.perf_counter() - start
        other = _other_code(args.compare_src, names) if args.compare_src else None
        total_bytes = sum(Path(name).stat().st_size for name in names)

        start = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        startup_seconds = time.perf_counter() - start
        try:
            start = time.perf_counter()
            batch = read_many(names, scheduler=cluster.scheduler_address, progress=True)
            batch_seconds = time.perf_counter() - start
        finally:
            cluster.close()

    same = [o.reading.to_json() if o.reading else o.error for o in batch] == [
        o.reading.to_json() if o.reading else o.error for o in baseline
    ]
    claims = sum(len(o.reading.placements) + len(o.reading.figures)
                 for o in baseline if o.reading)
    failed = sum(o.error is not None for o in baseline)
    baseline_rate = len(names) / baseline_seconds * 60
    batch_rate = len(names) / batch_seconds * 60
    scan_rate = len(names) / scan_seconds * 60
    print(f"claims found: {claims} ({claims / len(names):.1f} per document); failed: {failed}")
    print(f"regex scan (floor):        {scan_seconds:6.2f} s  {scan_rate:9,.0f} docs/min  "
          f"({scanned} matches)")
    print(f"single process:            {baseline_seconds:6.2f} s  {baseline_rate:9,.0f} docs/min")
    print(f"dask, {args.workers} workers:          {batch_seconds:6.2f} s  {batch_rate:9,.0f} "
          f"docs/min  (+ cluster start-up {startup_seconds:.2f} s)")
    print(f"single process / {BAR_PER_MINUTE:,}/min bar: {baseline_rate / BAR_PER_MINUTE:.2f}")
    print(f"single process / regex scan: {baseline_rate / scan_rate:.3f}")
    print(f"dask / single process (start-up not counted): {batch_rate / baseline_rate:.2f}")
    if other is not None:
        other_rate = len(names) / other[0] * 60
        print(f"other code ({args.compare_src}): {other[0]:6.2f} s  {other_rate:9,.0f} "
              f"docs/min; this code / other: {baseline_rate / other_rate:.2f}; "
              f"identical readings: {other[1] == _digest(baseline)}")
    measured = DaskCosts(
        seconds_per_megabyte=round(baseline_seconds / (total_bytes / 1e6), 3),
        startup_seconds=round(startup_seconds, 2),
        efficiency=round(batch_rate / baseline_rate / args.workers, 3),
    )
    print(f"measured here: {measured} (batch.MEASURED: {MEASURED})")
    per_doc_gain = 60 / baseline_rate - 60 / batch_rate
    if per_doc_gain > 0:
        print(f"dask pays (start-up included) from {startup_seconds / per_doc_gain:,.0f} "
              "documents of this size on this machine")
    else:
        print("dask never pays on this machine (it reads no faster than one process)")
    mean_bytes = total_bytes / len(names)
    for label, costs in (("measured here", measured), ("batch.MEASURED", MEASURED)):
        even = break_even_bytes(args.workers, costs)
        print(f"tierwatch read, with {label}, uses dask from "
              + (f"{even / mean_bytes:,.0f} documents of this size ({even / 1e6:.1f} MB)"
                 if even is not None else "never"))
    print(f"identical readings: {same}")
    _linearity()
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
