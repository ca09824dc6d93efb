"""Scoring the reader against hand-checked annotations (the format of seeds/gold.jsonl).

Three scores, each precision / recall / F1 over matched items, and every miss listed:

* **main placement**: the article country's placement for the report it is about. Right when
  country, report year and tier all match. An annotation with ``"tier": null`` says the text
  announces no placement: any current placement the reader claims for that country is a false
  positive, claiming none is right (counted in ``documents_right``, not in precision/recall).
* **other countries**: pairs (country, tier) for every other country, whatever the report year
  (annotations give no year for them). Annotated countries with ``"tier": null`` (the text
  names them without a tier) make any tier claimed for them a false positive.
* **figures**: triples (quantity, value, claimant) as a multiset. Figures annotated
  ``"relevant": false`` (a casino count, an aid budget) are left out of the score, and a figure
  the reader finds with one of their values is ignored rather than counted as wrong.

Claimant normalisation (``claimant_class``): the annotation's ``claimed_by`` and the reader's
claimant reduce to one of ``TIP report``, ``government``, ``NGO``, ``article`` (the newspaper
itself, no attribution), or ``other:<name>`` for another named source (the Global Slavery
Index, a UN agency), compared by folded name. An annotation reads "government (Ministry of
Foreign Affairs)": the class is the part before the parenthesis.

Quantity normalisation (``quantity_class``): annotations name quantities freely ("cases
handled", "arrests for rape", "people in modern slavery"); they map to the reader's controlled
vocabulary by their head word.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tierwatch.countries import find, name_key
from tierwatch.errors import InvalidInputError
from tierwatch.reading.model import DocumentReading, Figure, Placement
from tierwatch.reading.speakers import kind_of

_QUANTITY_HEADS: list[tuple[str, str]] = [
    ("convict", "convictions"),
    ("prosecut", "prosecutions"),
    ("indict", "prosecutions"),
    ("investigat", "investigations"),
    ("arrest", "arrests"),
    ("rescu", "victims rescued"),
    ("repatriat", "victims repatriated"),
    ("identif", "victims identified"),
    ("assist", "victims assisted"),
    ("slavery", "prevalence estimate"),
    ("prevalence", "prevalence estimate"),
    ("population", "population"),
    ("case", "cases"),
    # after "case": "cases referred to a shelter" are cases, "victims referred" care given
    ("referr", "victims assisted"),
    ("shelter", "victims assisted"),
    ("recogni", "victims identified"),
]


def quantity_class(quantity: str) -> str:
    lowered = quantity.lower()
    for head, name in _QUANTITY_HEADS:
        if head in lowered:
            return name
    return lowered


def claimant_class(claimant: str, kind: str | None = None) -> str:
    """One of 'TIP report', 'government', 'NGO', 'article' or 'other:<folded name>'."""
    if kind in ("TIP report", "government", "NGO", "article"):
        return kind
    head = claimant.split("(")[0].strip()
    lowered = head.lower()
    if kind is None:
        for known in ("TIP report", "government", "NGO", "article"):
            if lowered == known.lower():
                return known
        if kind_of(head) == "NGO":  # "an international NGO", "a local rights group"
            return "NGO"
    return "other:" + name_key(head)


@dataclass(slots=True)
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        claimed = self.true_positives + self.false_positives
        return self.true_positives / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


FIELDS = ("country", "year", "tier", "status")
NONE = "none"


@dataclass(slots=True)
class Evaluation:
    documents: int = 0
    documents_right: int = 0
    main: Score = field(default_factory=Score)
    others: Score = field(default_factory=Score)
    figures: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)
    # per field of the main placement: (annotated, read) -> number of documents
    confusion: dict[str, Counter[tuple[str, str]]] = field(
        default_factory=lambda: {name: Counter() for name in FIELDS})
    error_kinds: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "main_placement_documents_right": self.documents_right,
            "main_placement": self.main.to_json(),
            "other_countries": self.others.to_json(),
            "figures": self.figures.to_json(),
            "confusion": {
                name: [{"annotated": a, "read": r, "documents": n}
                       for (a, r), n in sorted(table.items())]
                for name, table in self.confusion.items()
            },
            "error_kinds": dict(sorted(self.error_kinds.items())),
            "misses": self.misses,
        }


def fold_of(name: str, folds: int) -> int:
    """The fold (1..folds) a document belongs to: from a hash of its file name, so the split
    is the same on every machine and does not move when files are added."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return int(digest, 16) % folds + 1


def select_fold(
    gold: list[dict[str, Any]], folds: int, fold: int, rest: bool = False
) -> list[dict[str, Any]]:
    """The annotations of fold ``fold`` of ``folds`` (or, with ``rest``, of every other fold)."""
    if folds < 2 or not 1 <= fold <= folds:
        raise InvalidInputError(f"--fold {fold} of --folds {folds}: need 2 <= folds and "
                                "1 <= fold <= folds")
    return [e for e in gold if (fold_of(str(e["file"]), folds) == fold) != rest]


def document_path(docs_dir: Path, name: str) -> Path:
    """The annotated document ``name`` inside ``docs_dir``; a name that leaves the folder
    (absolute, with "..", through a link) or names no file is an error."""
    root = docs_dir.resolve()
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts or not name.strip():
        raise InvalidInputError(f"annotated document {name!r}: not a file name inside {docs_dir}")
    path = (root / candidate).resolve()
    if not path.is_relative_to(root):
        raise InvalidInputError(f"annotated document {name!r}: leads outside {docs_dir}")
    if not path.is_file():
        raise InvalidInputError(f"annotated document {name!r} is not in {docs_dir}")
    return path


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The annotation lines; a malformed line is an error naming file and line."""
    from tierwatch.files import inputs

    if not path.is_file():
        raise InvalidInputError(f"{path}: no such gold file")
    entries: list[dict[str, Any]] = []
    text = inputs.decode_text(inputs.read_limited(path, "gold file"), str(path))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        entry = inputs.parse_json(line, f"{path}:{number}")  # depth-limited
        if not isinstance(entry, dict) or "file" not in entry or "country" not in entry:
            raise InvalidInputError(f"{path}:{number}: needs at least 'file' and 'country'")
        if not isinstance(entry["file"], str):
            raise InvalidInputError(f"{path}:{number}: 'file' must be a file name")
        entries.append(entry)
    if not entries:
        raise InvalidInputError(f"{path}: no annotation in the gold file")
    return entries


def _code(name: str | None) -> str | None:
    if not name:
        return None
    country = find(name)
    return country.code if country else name_key(name)


def evaluate(gold: list[dict[str, Any]], readings: dict[str, DocumentReading]) -> Evaluation:
    """Score readings (by file name) against the annotations."""
    result = Evaluation()
    for entry in sorted(gold, key=lambda e: str(e["file"])):
        name = str(entry["file"])
        reading = readings[name]
        result.documents += 1
        _score_main(entry, reading, result)
        _score_others(entry, reading, result)
        _score_figures(entry, reading, result)
    return result


def _label(value: object) -> str:
    return NONE if value is None else str(value)


def _confuse(entry: dict[str, Any], reading: DocumentReading, got: Placement | None,
             result: Evaluation) -> str | None:
    """Fill the per-field confusion tables; the kind of error of the main placement, or None."""
    code = _code(entry["country"])
    expected_tier = entry.get("tier")
    read_country = got.country if got is not None else reading.main_country
    pairs = {
        "country": (_label(code), _label(read_country)),
        "year": (_label(entry.get("report_year")),
                 _label(got.report_year if got is not None else reading.report_year)),
        "tier": (_label(expected_tier), _label(got.tier if got is not None else None)),
        "status": (_label(entry.get("status") or ("official" if expected_tier else None)),
                   _label(got.status if got is not None else None)),
    }
    for name, pair in pairs.items():
        result.confusion[name][pair] += 1
    if expected_tier is None:
        return None if got is None else "tier invented where the text states none"
    if got is None:
        return "no placement found for the main country"
    wrong = [name for name in ("country", "year", "tier")
             if pairs[name][0] != pairs[name][1]]
    if not wrong:
        return None
    if wrong == ["year"]:
        return ("report year left unknown" if got.report_year is None
                else "wrong report year")
    return "wrong " + " and ".join(wrong)


def _score_main(entry: dict[str, Any], reading: DocumentReading, result: Evaluation) -> None:
    name = entry["file"]
    code = _code(entry["country"])
    claimed = [p for p in reading.placements
               if p.main and p.timeframe == "current" and p.tier is not None]
    got = claimed[0] if claimed else None
    kind = _confuse(entry, reading, got, result)
    if kind is not None:
        result.error_kinds[kind] += 1
    expected_tier = entry.get("tier")
    if expected_tier is None:
        if got is None:
            result.documents_right += 1
        else:
            result.main.false_positives += 1
            result.misses.append(f"{name}: main placement: expected none, got "
                                 f"{got.country_name} {got.report_year} {got.tier}")
        return
    expected = (code, entry.get("report_year"), expected_tier)
    if got is not None and (got.country, got.report_year, str(got.tier)) == expected:
        result.main.true_positives += 1
        result.documents_right += 1
        return
    result.main.false_negatives += 1
    description = "none" if got is None else f"{got.country_name} {got.report_year} {got.tier}"
    if got is not None:
        result.main.false_positives += 1
    result.misses.append(
        f"{name}: main placement: expected {entry['country']} {entry.get('report_year')} "
        f"{expected_tier}, got {description}"
    )


def _score_others(entry: dict[str, Any], reading: DocumentReading, result: Evaluation) -> None:
    name = entry["file"]
    expected: set[tuple[str, str]] = set()
    untiered: set[str] = set()
    for other in entry.get("other_countries") or []:
        code = _code(other.get("country"))
        if code is None:
            continue
        if other.get("tier"):
            expected.add((code, other["tier"]))
        else:
            untiered.add(code)
    claimed = {(p.country, str(p.tier)) for p in reading.placements
               if not p.main and p.tier is not None and p.timeframe != "historical"}
    untiered -= {code for code, _ in expected}
    for pair in sorted(claimed):
        if pair in expected:
            result.others.true_positives += 1
        elif pair[0] in untiered or pair not in expected:
            result.others.false_positives += 1
            result.misses.append(f"{name}: other country: claimed {pair[0]} {pair[1]}, "
                                 "not in the annotation")
    for pair in sorted(expected - claimed):
        result.others.false_negatives += 1
        result.misses.append(f"{name}: other country: missed {pair[0]} {pair[1]}")


def _figure_key(figure: Figure) -> tuple[str, int, str]:
    return (figure.quantity, figure.value, claimant_class(figure.claimant, figure.claimant_kind))


def _score_figures(entry: dict[str, Any], reading: DocumentReading, result: Evaluation) -> None:
    name = entry["file"]
    expected: Counter[tuple[str, int, str]] = Counter()
    ignored_values: set[int] = set()
    for figure in entry.get("figures") or []:
        value = figure.get("value")
        if not isinstance(value, int | float):
            continue
        if figure.get("relevant") is False:
            ignored_values.add(int(value))
            continue
        expected[(quantity_class(str(figure.get("quantity", ""))), int(value),
                  claimant_class(str(figure.get("claimed_by", ""))))] += 1
    claimed: Counter[tuple[str, int, str]] = Counter(
        _figure_key(f) for f in reading.figures if f.value not in ignored_values
    )
    matched = expected & claimed
    result.figures.true_positives += sum(matched.values())
    for key, count in sorted((claimed - matched).items()):
        result.figures.false_positives += count
        result.misses.append(f"{name}: figure: claimed {key[0]} {key[1]} by {key[2]}, "
                             "not in the annotation")
    for key, count in sorted((expected - matched).items()):
        result.figures.false_negatives += count
        result.misses.append(f"{name}: figure: missed {key[0]} {key[1]} by {key[2]}")


def format_report(evaluation: Evaluation) -> str:
    """The plain-text report of ``tierwatch eval``."""
    lines = [f"documents: {evaluation.documents}; main placement right in "
             f"{evaluation.documents_right} of {evaluation.documents}"]
    for label, score in (("main placement", evaluation.main),
                         ("other countries", evaluation.others),
                         ("figures", evaluation.figures)):
        lines.append(
            f"{label:16} precision {score.precision:.3f}  recall {score.recall:.3f}  "
            f"F1 {score.f1:.3f}  (tp {score.true_positives}, fp {score.false_positives}, "
            f"fn {score.false_negatives})"
        )
    lines.append("main placement errors by kind:" if evaluation.error_kinds
                 else "main placement errors by kind: none")
    for kind, count in sorted(evaluation.error_kinds.items(), key=lambda i: (-i[1], i[0])):
        lines.append(f"  {count:3}  {kind}")
    for name in FIELDS:
        lines.extend(_confusion_lines(name, evaluation.confusion[name]))
    lines.append(f"misses: {len(evaluation.misses)}")
    lines.extend(f"  {miss}" for miss in evaluation.misses)
    return "\n".join(lines)


def _confusion_lines(name: str, table: Counter[tuple[str, str]]) -> list[str]:
    """A field's confusion table: annotated values as rows, read values as columns; fields
    with many values (country, year) list the right count and every mismatch instead."""
    right = sum(n for (a, r), n in table.items() if a == r)
    total = sum(table.values())
    lines = [f"confusion {name}: {right} of {total} as annotated"]
    values = sorted({a for a, _ in table} | {r for _, r in table})
    if len(values) <= 7:
        width = max([len(v) for v in values] + [9])
        lines.append("  " + "annotated".ljust(width) + " | "
                     + " ".join(v.rjust(max(len(v), 3)) for v in values) + "   (read)")
        for a in values:
            if not any(key[0] == a for key in table):
                continue
            cells = " ".join(str(table.get((a, r), 0) or ".").rjust(max(len(r), 3))
                             for r in values)
            lines.append("  " + a.ljust(width) + " | " + cells)
        return lines
    for (a, r), n in sorted(table.items(), key=lambda i: (-i[1], i[0])):
        if a != r:
            lines.append(f"  {n:3}  annotated {a}, read {r}")
    return lines
