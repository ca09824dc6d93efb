"""Read-only lists and dicts for answers that are cached and shared between callers.

Why: a replay of the record answers many country-years from the same cached evaluation;
handing out the same object is only safe if no caller can change it. These behave as list
and dict for reading, equality and JSON, and refuse every change.
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise TypeError("this answer is shared and read-only; copy it with list() or dict() first")


class SealedList(list[T]):
    """A list that cannot be changed."""

    __slots__ = ()
    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


class SealedDict(dict[K, V]):
    """A dict that cannot be changed."""

    __slots__ = ()
    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse


_FIELDS: dict[type, tuple[str, ...]] = {}


def rebuilt(answer: T, **changes: Any) -> T:
    """A copy of a frozen dataclass answer with some fields changed, named by field (never
    by position); ``dataclasses.replace`` without its per-call checks, for the engine's
    cache misses. Runs no ``__post_init__``: only for answer types that have none."""
    kind = type(answer)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(kind.__dataclass_fields__)  # type: ignore[attr-defined]
    unknown = set(changes) - set(names)
    if unknown:
        raise TypeError(f"{kind.__name__} has no field {sorted(unknown)[0]!r}")
    copy = object.__new__(kind)
    for name in names:
        object.__setattr__(copy, name, changes[name] if name in changes
                           else getattr(answer, name))
    return copy


def seal_fresh(answer: T, **sealed: Any) -> T:
    """Put read-only copies into the named fields of an answer the engine has just built and
    not yet handed out (cheaper than a rebuilt copy on the engine's cache misses)."""
    fields = answer.__dataclass_fields__  # type: ignore[attr-defined]
    for name, value in sealed.items():
        if name not in fields:
            raise TypeError(f"{type(answer).__name__} has no field {name!r}")
        object.__setattr__(answer, name, value)
    return answer
