"""``python3 -m tierwatch``: the same as the ``tierwatch`` command (no script on the PATH
needed, e.g. in a fresh virtual environment or a checkout run with PYTHONPATH)."""

from tierwatch.cli import main

main()
