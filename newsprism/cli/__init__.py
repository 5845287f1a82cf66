"""The newsprism command line: one module per command group, each a thin layer over the library.

``main`` (the group and the pipeline commands: analyze, extract, stages), ``stories``
(stories, show, skipped), ``story`` (corrections), ``feeds``, ``watch``, ``serve``, and
``common`` (the store option, progress bars, writing outputs). Exit status everywhere:
0 success · 1 some inputs failed or a named thing does not exist · 2 usage error.
Nothing in the library imports this package (tests/test_layers.py checks).
"""

from newsprism.cli.main import cli, main

__all__ = ["cli", "main"]
