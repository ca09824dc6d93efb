"""The article reader's page: a pasted text or an uploaded file read into claims, each claim
listed with its reasons and highlighted in the text by its span. Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KIND_ORDER = ("placement", "figure", "speaker")  # the kind a span shared by two claims shows


@dataclass(frozen=True, slots=True)
class Submitted:
    """What the form sent: a file's name and bytes, or the pasted text."""

    name: str
    data: bytes


def read_submission(submitted: Submitted) -> dict[str, Any]:
    """The reading of one submitted document as the page's context."""
    from tierwatch.reading.loading import load_bytes
    from tierwatch.reading.pipeline import read_loaded

    reading = read_loaded(load_bytes(submitted.name, submitted.data))
    data = reading.to_json()
    claims = _claims(data)
    return {
        "file": data["file"],
        "language": data["language"],
        "report_year": data["report_year"],
        "report_year_basis": data["report_year_basis"],
        "main_country": data["main_country"],
        "claims": claims,
        "disputes": data["disputes"],
        "segments": segments(reading.text, claims),
        "characters": len(reading.text),
    }


def _claims(data: dict[str, Any]) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = []
    for p in data["placements"]:
        year = p["report_year"] if p["report_year"] is not None else "year unknown"
        extra = ", ".join(x for x in (
            f"previous {p['previous_tier']}" if p["previous_tier"] else "", p["move"] or "")
            if x)
        claims.append({
            "kind": "placement", "span": p["span"], "confidence": p["confidence"],
            "summary": f"{p['country_name']} {year}: {p['tier'] or 'tier unknown'}"
                       + (f" ({extra})" if extra else ""),
            "status": p["status"], "claimant": p["claimant"], "reasons": p["reasons"],
            "detail": p})
    for f in data["figures"]:
        claims.append({
            "kind": "figure", "span": f["span"], "confidence": f["confidence"],
            "summary": f"{f['country'] or '?'} {f['quantity']}: "
                       f"{(f['qualifier'] + ' ') if f['qualifier'] else ''}{f['value']} "
                       f"{f['unit']}, period {f['period'] or 'unknown'}",
            "status": None, "claimant": f["claimant"], "reasons": f["reasons"], "detail": f})
    for s in data["speakers"]:
        stance = {"disputes": "disputes the report", "agrees": "agrees with the report"}.get(
            s["stance"] or "", "")
        claims.append({
            "kind": "speaker", "span": s["span"], "confidence": s["confidence"],
            "summary": f"{s['name']}" + (f", {s['role']}" if s["role"] else "")
                       + f" ({s['kind']})" + (f": {stance}" if stance else ""),
            "status": None, "claimant": s["name"], "reasons": [], "detail": s})
    claims.sort(key=lambda c: (c["span"]["start"], KIND_ORDER.index(c["kind"]),
                               c["span"]["end"]))
    for number, claim in enumerate(claims, start=1):
        claim["id"] = f"c{number}"
    return claims


def segments(text: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every span boundary: each piece with the claims covering it and the
    kind it is highlighted as (overlapping spans both keep their claims)."""
    cuts = {0, len(text)}
    for claim in claims:
        cuts.add(max(0, min(len(text), claim["span"]["start"])))
        cuts.add(max(0, min(len(text), claim["span"]["end"])))
    ordered = sorted(cuts)
    pieces: list[dict[str, Any]] = []
    for start, end in zip(ordered, ordered[1:], strict=False):
        covering = [c for c in claims if c["span"]["start"] <= start and end <= c["span"]["end"]]
        kinds = sorted({c["kind"] for c in covering}, key=KIND_ORDER.index)
        piece = {"text": text[start:end], "start": start, "kind": kinds[0] if kinds else None,
                 "claims": [c["id"] for c in covering]}
        if pieces and pieces[-1]["claims"] == piece["claims"]:
            pieces[-1]["text"] += piece["text"]
        else:
            pieces.append(piece)
    return pieces
