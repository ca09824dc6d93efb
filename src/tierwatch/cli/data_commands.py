"""Commands of the data layer (registered on the root group by import)."""

from __future__ import annotations

from tierwatch.cli.app import cli  # noqa: F401
