"""The bad-input matrix: every command, every argument, every kind of bad input.

Each case is a command line whose input is wrong in one way (unknown, empty, huge, binary,
in the wrong encoding, malformed, nested too deep, written in non-ASCII digits, or a path
that is a folder, a device, missing or outside). ``check`` runs it in this process (click's
runner) on a copy of a seeded store and says what went wrong, if anything: the command must
exit 2 with one ``error:`` line, no traceback, and leave the store's bytes as they were.
Used by ``test_bad_inputs.py`` (asserts every case) and ``measure.py`` (counts them).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

STORE_COMMANDS: list[list[str]] = [
    ["country", "Cambodia"], ["year", "2014"], ["conflicts"], ["audit"], ["sources"],
    ["calendar", "2024"], ["stats", "coverage"],
    ["decisions", "Cambodia"], ["whatif", "Cambodia", "--assume", "2026=2WL"],
    ["clock", "--country", "Cambodia", "--year", "2022"],
    ["template", "Cambodia", "--year", "2024"],
    ["decide", "Cambodia", "--year", "2024", "--tier", "3", "--justification", "x",
     "--author", "a"],
    ["export", "--format", "csv", "-o", "{tmp}/out.csv"],
    ["report", "Cambodia", "--year", "2022", "--format", "md", "-o", "{tmp}/r.md"],
    ["read", "{good_article}", "--store"],
]
READ_DB_OPTION = "--db"

# Bad values for a country argument.
COUNTRIES = {
    "unknown": "Atlantis", "empty": "", "blank": "   ", "huge": "A" * 200_000,
    "binary": "\x00\x01\x02", "control": "Cam\x1b[2Jbodia", "unicode digits": "²⁰²⁶",
    "path": "../../etc/passwd", "code unknown": "ZZZ", "newline": "Cambodia\nLaos",
    "sql": "Cambodia'; DROP TABLE statements; --", "format": "%s%n{0}",
}
# Bad values for a report year.
YEARS = {
    "text": "abc", "empty": "", "superscript": "²⁰²⁶", "arabic-indic": "٢٠٢٦",
    "huge": "9" * 400, "before 2001": "1999", "far future": "2099", "negative": "-1",
    "float": "2014.5", "exponent": "2e3", "control": "20\x1b14",
}
# Bad --db values (each given to every command that opens the store).
DATABASES = {
    "empty": "", "folder": "{tmp}", "not sqlite": "{text_file}",
    "other sqlite": "{foreign_sqlite}", "binary": "{binary_file}",
    "under a file": "{text_file}/kb.sqlite", "unknown driver": "nosuch://x",
    "closed postgres": "postgresql+psycopg://tw:pw@127.0.0.1:1/none",
    "bad url": "postgresql://[::1",
}
# Bad -o targets of the commands that write a file.
OUTPUTS = {
    "folder": "{tmp}", "missing parent": "{tmp}/no/such/out.file", "device": "/dev/null",
    "empty": "",
}
OUTPUT_COMMANDS: list[list[str]] = [
    ["export", "--format", "csv"], ["export", "--format", "json"],
    ["export", "--format", "parquet"], ["export", "--format", "sqlite"],
    ["template", "Cambodia", "--year", "2024"],
    ["report", "Cambodia", "--year", "2022", "--format", "md"],
    ["report", "--annual", "2014", "--format", "html"],
    ["calendar", "2024", "--ics"],
    ["export", "--format", "panel-csv"], ["export", "--format", "stata"],
]


@dataclass(frozen=True)
class Case:
    kind: str
    args: tuple[str, ...]


def _files(tmp: Path) -> dict[str, str]:
    """Bad files of every kind, written once into ``tmp``."""
    import sqlite3

    made: dict[str, bytes] = {
        "empty_file": b"",
        "binary_file": bytes(range(256)) * 64,
        "text_file": b"just some text, not a store\n",
        "utf16_file": "Cambodia was placed on Tier 3 in the 2023 report.".encode("utf-16-le"),
        "latin1_yaml": "country: Côte d'Ivoire\nreport_year: 2024\n".encode("latin-1"),
        "deep_json": b"[" * 50_000 + b"]" * 50_000,
        "deep_json_object": b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
        "deep_yaml": b"a: " + b"[" * 50_000 + b"]" * 50_000,
        "deep_block_yaml": "".join(" " * i + f"k{i}:\n" for i in range(300)).encode(),
        "huge_yaml": b"- 1\n" * 1_600_000,
        "malformed_yaml": b"country: [KHM\nreport_year: : :\n",
        "malformed_json": b'{"country": "KHM", ',
        "list_yaml": b"- KHM\n- 2024\n",
        "scalar_yaml": b"42\n",
        "norway_yaml": b"country: NO\nreport_year: 2099\n",
        "digits_yaml": "country: KHM\nreport_year: ²⁰²⁴\n".encode(),
        "arabic_yaml": "country: KHM\nreport_year: ٢٠٢٤\n".encode(),
        "unknown_country_yaml": b"country: ZZZ\nreport_year: 2024\n",
        "wrong_types_yaml": b"country: KHM\nreport_year: 2024\nstandards: [1, 2]\n",
        "bad_finding_yaml": b"country: KHM\nreport_year: 2024\nstandards:\n  prohibition: "
                            b"{finding: maybe}\n",
        "huge_text": b"Cambodia Tier 3. " * (21 * 1024 * 1024 // 17 + 1),
        "truncated_html": b"<html><body><p>Cambodia is on Tier 3" + b" word" * 100,
        "empty_html": b"<html><head></head><body>  </body></html>",
        "bad_pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 1 0 R>>endobj\n"
                   b"trailer<</Root 1 0 R>>\n%%EOF",
        "truncated_pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>",
        "gold_bad_line": b'{"file": "a.txt", "country": "Cambodia"}\n{not json\n',
        "gold_deep": b"[" * 50_000 + b"]" * 50_000 + b"\n",
        "gold_missing_doc": b'{"file": "nowhere.txt", "country": "Cambodia"}\n',
        "gold_no_country": b'{"file": "a.txt"}\n',
        "gold_list": b'["a.txt", "Cambodia"]\n',
        "good_article": b"Cambodia was placed on Tier 3 in the 2023 report.\n",
    }
    paths = {}
    for name, data in made.items():
        path = tmp / name
        path.write_bytes(data)
        paths[name] = str(path)
    foreign = tmp / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("create table statements(x)")
    paths["foreign_sqlite"] = str(foreign)
    paths["tmp"] = str(tmp)
    docs = tmp / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "a.txt").write_bytes(made["good_article"])
    paths["docs"] = str(docs)
    paths.update(_exports(tmp))
    paths.update(_data_files(tmp))
    return paths


def _exports(tmp: Path) -> dict[str, str]:
    """JSON exports wrong in one field each (import must refuse them whole)."""
    source = {"id": "s", "title": "t", "kind": "dataset"}
    good = {"country": "KHM", "report_year": 2020, "prop": "tier", "value": "Tier 2",
            "claimant": "c", "source": "s", "locator": "row 1"}
    variants: dict[str, object] = {
        "list_for_object": {"sources": [source], "statements": [["KHM"]]},
        "year_text": {"sources": [source], "statements": [{**good, "report_year": "abc"}]},
        "year_2099": {"sources": [source], "statements": [{**good, "report_year": 2099}]},
        "country_zzz": {"sources": [source], "statements": [{**good, "country": "ZZZ"}]},
        "tier_9": {"sources": [source], "statements": [{**good, "value": "Tier 9"}]},
        "value_null": {"sources": [source], "statements": [{**good, "value": None}]},
        "source_twice": {"sources": [source, source], "statements": [good]},
        "figure_superscript": {"sources": [source], "statements": [
            {**good, "prop": "convictions", "unit": "people", "value": "6618²"}]},
        "unknown_property": {"sources": [source], "statements": [
            {**good, "prop": "convictons", "value": "4"}]},
        "score_16": {"sources": [source], "statements": [{**good, "prop": "3p total",
                                                          "value": "16"}]},
        "breakdown_of_a_tier": {"sources": [source], "statements": [
            {**good, "breakdown": "labour"}]},
        "no_keys": {"statements": []},
        "statements_object": {"sources": [source], "statements": {}},
        "unknown_source": {"sources": [source], "statements": [{**good, "source": "x"}]},
        "confidence_text": {"sources": [source], "statements": [{**good, "confidence": "hi"}]},
        "top_list": [source],
    }
    paths = {}
    for name, payload in variants.items():
        path = tmp / f"export_{name}.json"
        path.write_text(json.dumps(payload), encoding="utf-8")
        paths[f"export_{name}"] = str(path)
    deep = tmp / "export_deep.json"
    deep.write_bytes(b'{"sources": ' + b"[" * 50_000 + b"]" * 50_000 + b', "statements": []}')
    paths["export_deep"] = str(deep)
    return paths


def _data_files(tmp: Path) -> dict[str, str]:
    """Files under a known data file's name that are not that file."""
    from tierwatch.sources.catalog import BY_FILE

    name = sorted(n for n in BY_FILE if n.endswith(".csv"))[0]
    folder = tmp / "data"
    folder.mkdir(exist_ok=True)
    paths = {}
    for label, data in (("binary", bytes(range(256)) * 8), ("empty", b""),
                        ("latin1", "country,x\nCôte,1\n".encode("latin-1")),
                        ("header_only", b"country,report_year\n")):
        sub = folder / label
        sub.mkdir(exist_ok=True)
        (sub / name).write_bytes(data)
        paths[f"data_{label}"] = str(sub / name)
        paths[f"datafolder_{label}"] = str(sub)
    empty = folder / "nothing"
    empty.mkdir(exist_ok=True)
    paths["data_empty_folder"] = str(empty)
    return paths


_PLACE = re.compile(r"\{(\w+)\}")


def _slot(name: str) -> str:
    return "{" + name + "}"


def cases(tmp: Path) -> list[Case]:
    """Every case of the matrix, with its files written under ``tmp``."""
    files = _files(tmp)
    found: list[Case] = []

    def fill(arg: str) -> str:
        return _PLACE.sub(lambda m: files.get(m.group(1), m.group(0)), arg)

    def add(kind: str, *args: str) -> None:
        found.append(Case(kind, tuple(fill(arg) for arg in args)))

    for label, value in COUNTRIES.items():
        for command in (["country"], ["decisions"], ["template"], ["whatif"]):
            extra = {"template": ["--year", "2024"], "whatif": ["--assume", "2026=2WL"]}
            add(f"{command[0]} country {label}", *command, value,
                *extra.get(command[0], []))
        add(f"clock --country {label}", "clock", "--country", value, "--year", "2022")
        add(f"conflicts --country {label}", "conflicts", "--country", value)
        add(f"report country {label}", "report", value, "--year", "2022", "-o",
            "{tmp}/r.md")
        add(f"decide country {label}", "decide", value, "--year", "2024", "--tier", "3",
            "--justification", "x", "--author", "a")
    for label, value in YEARS.items():
        add(f"year {label}", "year", value)
        add(f"calendar {label}", "calendar", value)
        add(f"stats regions {label}", "stats", "regions", value)
        add(f"law --year {label}", "law", "--year", value)
        add(f"clock --year {label}", "clock", "--history", "2019:2", "--year", value)
        add(f"template --year {label}", "template", "Cambodia", "--year", value)
        add(f"report --year {label}", "report", "Cambodia", "--year", value, "-o",
            "{tmp}/r.md")
        add(f"report --annual {label}", "report", "--annual", value, "-o", "{tmp}/r.md")
        add(f"decide --year {label}", "decide", "Cambodia", "--year", value, "--tier", "3",
            "--justification", "x", "--author", "a")
        add(f"whatif year {label}", "whatif", "Cambodia", "--assume", f"{value}=2")
        add(f"clock option year {label}", "clock", "--history", "2019:2", "--year", "2020",
            "--option", f"watch-list-first-report={value}")
    histories = {
        "empty": "", "no code": "2019", "bad code": "2019:9", "superscript year": "²⁰¹⁹:2",
        "arabic year": "٢٠١٩:2", "year twice": "2019:2 2019:3",
        "double waiver": "2019:2WL+waiver+waiver", "huge": "2019:2 " * 50_000,
        "binary": "\x00\x01", "control": "2019:2\x1b[2J", "before 2001": "1990:2",
        "far future": "2099:2", "separator": "2019;2", "deep sets": "2019:" + "|" * 10_000,
    }
    for label, value in histories.items():
        add(f"clock --history {label}", "clock", "--history", value, "--year", "2022")
    options = {
        "unknown name": "colour=blue", "no value": "watch-list-first-report",
        "bad choice": "automatic-downgrade-counting=sometimes", "empty": "",
        "control": "x\x1b=1", "huge": "x=" + "9" * 100_000,
    }
    for label, value in options.items():
        add(f"clock --option {label}", "clock", "--history", "2019:2", "--year", "2020",
            "--option", value)
        add(f"audit --option {label}", "audit", "--option", value)
    assumptions = {
        "empty": "", "no equals": "2026", "bad code": "2026=9", "unknown code": "2026=?",
        "year twice": "2026=2 2026=3", "huge": "2026=2 " * 50_000, "binary": "\x00=\x01",
        "waiver on tier 3": "2026=3+waiver", "control": "2026=2\x1b[2J",
    }
    for label, value in assumptions.items():
        add(f"whatif --assume {label}", "whatif", "Cambodia", "--assume", value)
    tiers = {"nine": "9", "empty": "", "word": "best", "superscript": "²", "control": "3\x1b"}
    for label, value in tiers.items():
        add(f"decide --tier {label}", "decide", "Cambodia", "--year", "2024", "--tier", value,
            "--justification", "x", "--author", "a")
    add("decide empty author", "decide", "Cambodia", "--year", "2024", "--tier", "3",
        "--justification", "x", "--author", "")
    add("decide blank author", "decide", "Cambodia", "--year", "2024", "--tier", "3",
        "--justification", "x", "--author", "   ")
    evidence_files = [
        "empty_file", "binary_file", "utf16_file", "latin1_yaml", "deep_json", "deep_yaml",
        "deep_block_yaml", "huge_yaml", "malformed_yaml", "list_yaml", "scalar_yaml",
        "norway_yaml", "digits_yaml", "arabic_yaml", "unknown_country_yaml",
        "wrong_types_yaml", "bad_finding_yaml", "deep_json_object", "malformed_json",
    ]
    for name in evidence_files:
        add(f"assess {name}", "assess", _slot(name))
        add(f"decide --evidence {name}", "decide", "Cambodia", "--year", "2024", "--tier",
            "3", "--justification", "x", "--author", "a", "--evidence", _slot(name))
        add(f"report --evidence {name}", "report", "Cambodia", "--year", "2024",
            "--evidence", _slot(name), "-o", "{tmp}/r.md")
    for label, path in (("missing", "{tmp}/nowhere.yaml"), ("folder", "{tmp}"),
                        ("device", "/dev/null")):
        add(f"assess {label}", "assess", path)
        add(f"decide --evidence {label}", "decide", "Cambodia", "--year", "2024", "--tier",
            "3", "--justification", "x", "--author", "a", "--evidence", path)
        add(f"report --evidence {label}", "report", "Cambodia", "--year", "2024",
            "--evidence", path, "-o", "{tmp}/r.md")
    read_files = ["empty_file", "binary_file", "huge_text", "truncated_html", "empty_html",
                  "bad_pdf", "truncated_pdf", "utf16_file"]
    for name in read_files:
        add(f"read {name}", "read", _slot(name))
        add(f"read --store {name}", "read", "--store", _slot(name))
    for label, path in (("missing", "{tmp}/nowhere.txt"), ("folder", "{tmp}"),
                        ("control name", "{tmp}/a\x1b[2J.txt")):
        add(f"read {label}", "read", path)
    for label, value in (("not a url", "not a url"), ("empty", ""), ("port text", "x:y")):
        add(f"read --scheduler {label}", "read", "{good_article}", "--scheduler", value)
    gold_files = ["gold_bad_line", "gold_deep", "gold_missing_doc", "gold_no_country",
                  "gold_list", "empty_file", "binary_file", "deep_json"]
    for name in gold_files:
        add(f"eval {name}", "eval", _slot(name), "--docs", "{docs}")
    add("eval missing gold", "eval", "{tmp}/nowhere.jsonl", "--docs", "{docs}")
    add("eval missing docs", "eval", "{gold_missing_doc}", "--docs", "{tmp}/nowhere")
    import_files = [name for name in files if name.startswith("export_")] + [
        "empty_file", "binary_file", "deep_json", "malformed_json", "utf16_file",
        "data_binary", "data_empty", "data_latin1", "data_header_only",
        "datafolder_binary", "datafolder_empty", "datafolder_latin1", "data_empty_folder"]
    for name in import_files:
        add(f"import {name}", "import", _slot(name))
    add("import missing", "import", "{tmp}/nowhere.csv")
    add("import device", "import", "/dev/null")
    for name in ("datafolder_binary", "data_empty_folder", "text_file"):
        add(f"build-data {name}", "build-data", _slot(name), "-o", "{tmp}/built")
    add("build-data missing", "build-data", "{tmp}/nowhere")
    for fmt in ("csv", "parquet", "panel-csv"):  # formats that cannot carry evidence
        add(f"export {fmt} --include-evidence", "export", "--format", fmt, "--include-evidence",
            "-o", "{tmp}/out")
    for command in OUTPUT_COMMANDS:
        for label, target in OUTPUTS.items():
            flag = [] if command[-1] == "--ics" else ["-o"]
            add(f"{' '.join(command[:3])} -o {label}", *command, *flag, target)
    for command in STORE_COMMANDS:
        for label, value in DATABASES.items():
            add(f"{command[0]} --db {label}", *command, READ_DB_OPTION, value)
    usage = [["nosuch"], ["country"], ["year"], ["clock", "--year", "2020"],
             ["export", "-o", "x"], ["export", "--format", "xml", "-o", "x"],
             ["report", "Cambodia", "--year", "2022", "--format", "docx", "-o", "x"],
             ["country", "Cambodia", "--colour"], ["read"], ["import"], ["decide", "Cambodia"],
             ["whatif", "Cambodia"], ["report", "-o", "{tmp}/r.md"],
             ["report", "Cambodia", "--annual", "2014", "-o", "{tmp}/r.md"],
             ["clock", "--year", "2020"], ["clock", "--history", "2019:2", "--country",
                                           "Cambodia", "--year", "2020"]]
    for args in usage:
        add(f"usage {' '.join(args)[:40]}", *args)
    return found


def _takes_db(args: list[str]) -> bool:
    import click

    from tierwatch.cli import cli

    command = cli.commands.get(args[0]) if args else None
    if isinstance(command, click.Group) and len(args) > 1:
        command = command.commands.get(args[1])  # a subcommand (stats coverage)
    return command is not None and any(
        READ_DB_OPTION in getattr(param, "opts", ()) for param in command.params)


def store_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(case: Case, db: Path, timeout: float = 60.0) -> str | None:
    """None when the case is handled as it must be, else what went wrong (one line)."""
    from click.testing import CliRunner

    from tierwatch.cli import cli

    args = list(case.args)
    if READ_DB_OPTION not in args and _takes_db(args):
        args += [READ_DB_OPTION, str(db)]
    before = store_digest(db)
    started = time.perf_counter()
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    seconds = time.perf_counter() - started
    problem = _problem(result, seconds, timeout)
    if problem is None and store_digest(db) != before:
        problem = "the store changed"
    return problem


def _problem(result: object, seconds: float, timeout: float) -> str | None:
    exception = getattr(result, "exception", None)
    code = getattr(result, "exit_code", None)
    stderr: str = getattr(result, "stderr", "")
    if exception is not None and not isinstance(exception, SystemExit):
        return f"traceback: {exception.__class__.__name__}: {str(exception)[:120]}"
    if code == 0:
        return "wrongly accepted (exit 0)"
    if code != 2:
        return f"exit status {code}"
    lines = stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    if len(errors) != 1 or len(lines) != 1:
        return f"{len(lines)} lines on stderr: {stderr[:160]!r}"
    if "Traceback" in stderr:
        return "traceback on stderr"
    if any(ord(char) < 32 for char in lines[0]):
        return "control character printed raw"
    if seconds > timeout:
        return f"took {seconds:.0f} s"
    return None


Checker = Callable[[Case, Path], str | None]
