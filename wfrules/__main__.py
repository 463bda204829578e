"""``python -m wfrules``: the same as the ``wfrules`` command."""

from ._cli import program

raise SystemExit(program())
