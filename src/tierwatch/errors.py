"""The project's error types.

Every error a user can cause by bad input derives from ``TierwatchError``; the CLI turns
it into a one-line message and exit status 2, the REST API into a 4xx response.
"""


class TierwatchError(Exception):
    """Bad input or a request the law or the data cannot answer; the message names the input."""


class UnknownCountryError(TierwatchError, LookupError):
    """A country name or code the registry does not know."""


class UnknownYearError(TierwatchError, LookupError):
    """A report year with no TIP Report (before 2001 or after next year's report)."""


class InvalidInputError(TierwatchError, ValueError):
    """Malformed input: a history string, a data file, an evidence file, a request."""
