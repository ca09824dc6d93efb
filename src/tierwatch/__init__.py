"""tierwatch: the US Trafficking in Persons Report tier system as code.

Layers, in the one direction of dependency: ``law`` (the statute, no storage),
``countries`` (the registry), ``statements`` (the sourced store), ``sources``
(importers), ``reading`` (documents to claims), ``assessment`` and ``reports``.
The CLI in ``tierwatch.cli`` is thin and calls those layers.
"""

__version__ = "0.1.0"
