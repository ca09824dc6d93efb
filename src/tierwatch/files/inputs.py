"""Reading user files safely: size and depth limits, YAML 1.2 booleans, ASCII whole numbers.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads as another
number; a year or a count typed by a user is read here, from ASCII digits alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from tierwatch.errors import InvalidInputError

MAX_INPUT_BYTES = 512 * 1024  # evidence and gold files are kilobytes (a template is 7 kB)
MAX_DEPTH = 64
_WHOLE = re.compile(r"[+-]?[0-9]+")
_MAX_DIGITS = 18


def whole_number(text: str, what: str) -> int:
    """``text`` as an int, read from ASCII digits only (no "²", no "٣", no 400 digits)."""
    stripped = text.strip()
    if not _WHOLE.fullmatch(stripped) or len(stripped.lstrip("+-")) > _MAX_DIGITS:
        raise InvalidInputError(f"{what}: {text!r} is not a whole number in digits 0-9")
    return int(stripped)


def is_whole_number(text: str) -> bool:
    """True for a short run of ASCII digits (what ``whole_number`` accepts, unsigned)."""
    return text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS


def read_limited(path: Path, what: str = "file", limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``, refused with one line when missing, a folder or too large."""
    try:
        if path.is_dir():
            raise InvalidInputError(f"{path}: is a folder, not a {what}")
        size = path.stat().st_size
        if size > limit:
            raise InvalidInputError(f"{path}: too large for a {what} ({size:,} bytes; the "
                                    f"limit is {limit:,})")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such file") from None
    except OSError as error:
        raise InvalidInputError(f"{path}: cannot be read ({error.strerror})") from None
    if len(data) > limit:  # a pipe or a device: no size to stat
        raise InvalidInputError(f"{path}: too large for a {what} (over {limit:,} bytes)")
    return data


def decode_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInputError(f"{name}: not UTF-8 text (byte {error.start})") from None


def parse_json(text: str, name: str) -> Any:
    """JSON with nesting at most ``MAX_DEPTH``; one error line otherwise."""
    _check_depth(text, name)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInputError(f"{name}: not JSON ({error.msg} at line {error.lineno}, "
                                f"column {error.colno})") from None
    except RecursionError:
        raise InvalidInputError(f"{name}: nested deeper than {MAX_DEPTH} levels") from None


_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML: 20x faster


class _Loader(_SAFE_LOADER):
    """Safe YAML whose booleans are only true/false (YAML 1.2): ``country: NO`` is Norway."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _SAFE_LOADER.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|"
                                                                   r"False|FALSE)$"), list("tTfF"))


def parse_yaml(text: str, name: str) -> Any:
    """Safe YAML (no objects, YAML 1.2 booleans) with nesting at most ``MAX_DEPTH``."""
    _check_depth(text, name)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or error.__class__.__name__
        raise InvalidInputError(f"{name}: not valid YAML{where}: {problem}") from None
    except RecursionError:
        raise InvalidInputError(f"{name}: nested deeper than {MAX_DEPTH} levels") from None


def load_json(path: Path, what: str = "JSON file") -> Any:
    return parse_json(decode_text(read_limited(path, what), str(path)), str(path))


def load_yaml(path: Path, what: str = "YAML file") -> Any:
    return parse_yaml(decode_text(read_limited(path, what), str(path)), str(path))


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _check_depth(text: str, name: str) -> None:
    """Refuse deep nesting before a recursive parser meets it: brackets outside strings
    (JSON and flow YAML) and, for block YAML, indentation steps."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise InvalidInputError(f"{name}: nested deeper than {MAX_DEPTH} levels")
        else:
            depth = max(0, depth - 1)
    indents = {len(line) - len(line.lstrip(" ")) for line in text.splitlines() if line.strip()}
    if len(indents) > MAX_DEPTH:
        raise InvalidInputError(f"{name}: nested deeper than {MAX_DEPTH} levels")
