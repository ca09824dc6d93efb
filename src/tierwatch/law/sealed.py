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
