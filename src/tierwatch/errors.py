"""The project's error types.

Every error a user can cause by bad input derives from ``TierwatchError``; the CLI turns
it into a one-line message and exit status 2, the REST API into a 4xx response.

A refusal that is about one input, or that a setting would lift, carries them by their
neutral names (the service's keyword, which the API's JSON uses too) beside its reason, and
each interface words them as its own controls (``TierwatchError.worded``): the CLI names
its flag, the API its field, the dashboard its form field. A service never names another
layer's flags.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """What a refused request can set to go through: ``value`` True to turn ``name`` on,
    False to turn it off, None to give it (a text); ``purpose`` says why, neutrally."""

    name: str
    value: bool | None = None
    purpose: str = ""


@dataclass(frozen=True)
class Wording:
    """How one interface names the inputs of a refusal: ``label`` maps a neutral name to the
    interface's own, and the templates say how to set one (``{label}`` filled in)."""

    label: Callable[[str], str]
    turn_on: str
    turn_off: str
    give: str

    def setting(self, setting: Setting) -> str:
        template = {True: self.turn_on, False: self.turn_off, None: self.give}[setting.value]
        return template.format(label=self.label(setting.name))


PYTHON = Wording(label=str, turn_on="set {label}=True", turn_off="set {label}=False",
                 give="give {label}")
"""The Python API's words: the services' keyword arguments (``str(error)``)."""


class TierwatchError(Exception):
    """Bad input or a request the law or the data cannot answer; the message names the input.

    ``field`` (with the ``value`` given, when shown) is the input the refusal is about and
    leads the message; ``setting`` is what would lift the refusal and ends it."""

    def __init__(self, *args: object, field: str | None = None, value: str | None = None,
                 setting: Setting | None = None) -> None:
        self.reason = str(args[0]) if args else ""
        self.field = field
        self.value = value
        self.setting = setting
        if field is None and setting is None:
            super().__init__(*args)
        else:
            super().__init__(self.worded(PYTHON))

    @property
    def input_name(self) -> str | None:
        """The neutral name of the input at fault, or of the setting that lifts it."""
        return self.field or (None if self.setting is None else self.setting.name)

    def worded(self, wording: Wording) -> str:
        """The message in one interface's words (the reason alone has none)."""
        if self.field is None and self.setting is None:
            return str(self)
        text = self.reason
        if self.field is not None:
            shown = "" if self.value is None else f" {self.value!r}"
            text = f"{wording.label(self.field)}{shown}: {text}"
        if self.setting is not None:
            purpose = f"{self.setting.purpose}, " if self.setting.purpose else ""
            text += f"; {purpose}{wording.setting(self.setting)}"
        return text


class UnknownCountryError(TierwatchError, LookupError):
    """A country name or code the registry does not know."""


class UnknownYearError(TierwatchError, LookupError):
    """A report year with no TIP Report (before 2001 or after next year's report)."""


class InvalidInputError(TierwatchError, ValueError):
    """Malformed input: a history string, a data file, an evidence file, a request."""
