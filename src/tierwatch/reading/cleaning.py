"""From extracted text to article paragraphs: page furniture out, hard-wrapped lines joined.

Page furniture ("Related Stories", newsletter, comment and donation forms, a trailing list of
unrelated headlines) carries words like "trafficking" and numbers, so it must be gone before
any claim is looked for. The output keeps one paragraph per block, separated by a blank line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from tierwatch.reading.lexicon import Caseless, compile_guarded

# A block that is only one of these names a section that is not the article: everything after
# it goes when it comes late in the page, only the block itself when it comes early (navigation).
_SECTION_MARKERS = compile_guarded(
    r"^(related( stories| articles| news| posts| content| coverage)?|latest( news| stories)?|"
    r"more (stories|news|from [\w ]+)|read more|read next|you (may|might) also like|"
    r"most (popular|read|viewed|shared)|recommended( for you| reading)?|trending( now)?|"
    r"top stories|also read|further reading|leave a (reply|comment)|"
    r"(readers['’]? )?comments?( \(\d+\))?|\d+ comments?|post a comment|"
    r"join the (conversation|discussion)|share this( article)?|"
    r"popular (stories|posts)|editor'?s picks|in other news|see also|tags?:?.*)$",
    re.IGNORECASE,
)
# Blocks of forms and boilerplate, wherever they are.
_FURNITURE = Caseless(
    r"(newsletter|sign up|subscribe|unsubscribe|donat(e|ion|ing)|akismet|comment data|"
    r"required fields|your email|email address|cookie|all rights reserved|©|copyright|"
    r"advertisement|click here|follow us|share on|log ?in to|print this|"
    r"how (much|many times) would you like|would you like to make)"
)
_FORM_FIELD = compile_guarded(r"^[\w ]{1,40}\*$")
# A list item's line, or a table's row that ends in a tier ("Croatia — Tier 2 (was Tier 1)"):
# a sentence of its own (sentences.py splits at the same lines)
LIST_ITEM_LINE = r"^\s*(?:[•·▪►*]|-\s|\d+\.\s)"
BULLET_LINE = (LIST_ITEM_LINE + r"|^[^\n.!?]{2,60}?\s*(?:\s[—–-]|:|\||\t)\s*(?:Tier\s*"
               r"(?:1|2|3|one|two|three|I{1,3})\b|Watch\s+List|Special\s+Case)[^\n.!?]{0,40}$")
_BULLET = compile_guarded(BULLET_LINE)
_LINE_HYPHEN = compile_guarded(r"[a-z]-$")
_TIER_WORD = compile_guarded(r"\btier\b|\bwatch[\s-]?list\b", re.IGNORECASE)
_TERMINAL = compile_guarded(r"[.!?:;\"”’')\]…]$")
# A run of spaces becomes one space; a lone plain space is left alone (the same result as
# replacing every run, without rewriting each of the text's spaces).
# A line in capitals with no sentence end: a chapter's heading, not part of the line after it.
HEADING_LINE = r"(?=[^\n]*[A-Z])[^a-z\n.!?]{3,80}"  # sentences.py splits at the same lines
_HEADING_LINE = compile_guarded(HEADING_LINE)
_SPACES = compile_guarded(r"[ \t\u00a0\u2009\u202f]{2,}|[\t\u00a0\u2009\u202f]")


@dataclass(frozen=True, slots=True)
class _Block:
    lines: tuple[str, ...]
    gap: int  # blank lines before the block
    indented: bool
    text: str  # the lines joined (``_joined``), worked out once: every step reads it


def _joined(lines: list[str]) -> str:
    """The lines joined; a word hyphenated across a line break ("traf-/ficking") mended;
    a heading line ("PROTECTION") keeps its line break, which ends a sentence, and so does
    a list item ("- Kuwait: Tier 2"): each is a sentence of its own.

    Built from parts (one join at the end), linear in the block's length."""
    if len(lines) == 1:
        return lines[0].strip()
    parts: list[str] = []
    for line in (line.strip() for line in lines):
        if parts and _LINE_HYPHEN.search(parts[-1][-2:]) and line[:1].islower():
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        else:
            if parts:
                parts.append("\n" if _HEADING_LINE.fullmatch(parts[-1])
                             or _HEADING_LINE.fullmatch(line) or _BULLET.match(line)
                             or _BULLET.match(parts[-1]) else " ")
            parts.append(line)
    return "".join(parts)


def _squeezed(text: str) -> str:
    """Each run of spaces as one space, tabs and other spaces as a plain one (``_SPACES``);
    an ASCII text with neither two spaces in a row nor a tab has none to change."""
    if text.isascii() and "  " not in text and "\t" not in text:
        return text
    return _SPACES.sub(" ", text)


def clean_text(raw: str) -> str:
    """Article paragraphs separated by blank lines; furniture removed, wrapped lines joined."""
    blocks = _blocks(raw)
    blocks = _drop_furniture(blocks)
    paragraphs = _join_wrapped(blocks)
    return "\n\n".join(p for p in paragraphs if p)


def _blocks(raw: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    gap = 0
    pending_gap = 0
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            if not current:
                gap = pending_gap
            current.append(line)
            pending_gap = 0
            continue
        if current:
            blocks.append(_Block(tuple(current), gap, current[0][:1] in " \t",
                                 _joined(current)))
            current = []
        pending_gap += 1
    if current:
        blocks.append(_Block(tuple(current), gap, current[0][:1] in " \t", _joined(current)))
    return blocks


def _drop_furniture(blocks: list[_Block]) -> list[_Block]:
    texts = [_squeezed(block.text).strip() for block in blocks]
    total = sum(len(t) for t in texts) or 1
    furniture = _with_furniture(texts)
    kept: list[_Block] = []
    seen = 0
    for index, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        late = seen > 0.3 * total
        seen += len(text)
        if _SECTION_MARKERS.match(text.rstrip(".:")) or (len(block.lines) > 1 and (
                _SECTION_MARKERS.match(_squeezed(block.lines[0]).strip().rstrip(".:")))):
            # a marker alone, or a marker line over the headlines it introduces
            if late:
                break
            continue
        if len(text) < 400 and (index in furniture or _FORM_FIELD.match(text)):
            continue
        cut = _marker_line(block, seen - len(text), total)
        if cut is not None:
            # a page stored without blank lines: "MOST READ", "COMMENTS (3)" on a line of
            # its own, late in the page, ends the article there
            if cut > 0:
                kept.append(_Block(block.lines[:cut], block.gap, block.indented,
                                   _joined(list(block.lines[:cut]))))
            break
        kept.append(block)
    return _drop_trailing_lists(kept)


def _marker_line(block: _Block, before: int, total: int) -> int | None:
    """The index of the first line of the block, after its first, that is a section marker
    standing past the first 30% of the page's text; None when there is none."""
    if len(block.lines) < 2:
        return None
    position = before
    for index, line in enumerate(block.lines):
        written = _squeezed(line).strip()
        if index > 0 and position > 0.3 * total and _SECTION_MARKERS.match(written.rstrip(".:")):
            return index
        position += len(written) + 1
    return None


_BETWEEN_BLOCKS = "\x00"  # no furniture wording holds it: no match spans two blocks


def _with_furniture(texts: list[str]) -> set[int]:
    """The indexes of the texts holding furniture wording, from one search of them all
    (one pass over the page rather than one search per block)."""
    lowered = [text.lower() for text in texts]
    joined = _BETWEEN_BLOCKS.join(lowered)
    starts = list(accumulate((len(text) + 1 for text in lowered), initial=0))
    return {bisect_right(starts, match.start()) - 1
            for match in _FURNITURE.finditer(joined, lowered=joined)}


def _drop_trailing_lists(blocks: list[_Block]) -> list[_Block]:
    """A tail of bullets (with indented blurbs) or of short headline-like lines is not article."""
    cut = len(blocks)
    bullets = 0
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if _BULLET.match(block.lines[0]):
            bullets += 1
            cut = index
        elif block.indented and bullets == 0 and index > 0:
            continue  # a blurb below the last bullet
        elif block.indented:
            continue
        else:
            break
    if bullets >= 2 and not _is_tier_list(blocks[cut:]):
        blocks = blocks[:cut]
    tail = 0
    for block in reversed(blocks):
        text = block.text.strip()
        if len(text) < 90 and not _TERMINAL.search(text):
            tail += 1
        else:
            break
    if tail >= 3 and not _is_tier_list(blocks[len(blocks) - tail :]):
        blocks = blocks[: len(blocks) - tail]
    return blocks


def _is_tier_list(blocks: list[_Block]) -> bool:
    """A tier list ("• Peru: Tier 3", one short entry per line) is content, not a sidebar."""
    lines = [line.strip(" •·▪►*-\t") for block in blocks for line in block.lines]
    entries = [line for line in lines if _TIER_WORD.search(line) and len(line.split()) <= 7]
    return len(entries) >= max(2, len(lines) - 1)


def _join_wrapped(blocks: list[_Block]) -> list[str]:
    """Join lines of a block, and blocks that are one sentence cut by a single blank line.

    A paragraph is kept as its parts until the end (one join each: linear time)."""
    texts = [block.text for block in blocks]
    long_texts = [text for text in texts if len(text) >= 60]
    unfinished = [text for text in long_texts if not _TERMINAL.search(text.rstrip())]
    double_spaced = len(long_texts) >= 5 and len(unfinished) > 0.4 * len(long_texts)
    paragraphs: list[list[str]] = []
    lengths: list[int] = []
    for block, raw in zip(blocks, texts, strict=True):
        text = _squeezed(raw).strip()
        if paragraphs and block.gap <= 1:
            last = paragraphs[-1][-1]
            continues = text[:1].islower() or (double_spaced and lengths[-1] >= 60)
            if not _TERMINAL.search(last) and continues:
                paragraphs[-1].append(text)
                lengths[-1] += 1 + len(text)
                continue
        paragraphs.append([text])
        lengths.append(len(text))
    return [" ".join(parts) for parts in paragraphs]
