"""Files the user hands tierwatch or asks it to write: read within limits, written whole.

``inputs`` reads JSON and YAML with a size and nesting limit (a hostile file gets one error
line, not a RecursionError or minutes of parsing) and parses whole numbers in ASCII digits
only; ``outputs`` writes a file beside its target and renames it into place.
"""
