"""The pre-commit hook: ``python -m wfrules._precommit --circular ID [options] FILE...``.

pre-commit passes the changed roster files at the end of the command line; each is checked on its own
(as ``wfrules check FILE --circular …``) and the hook fails when any of them does. See
``.pre-commit-hooks.yaml`` and the README.

>>> main(["--circular", "kalbar-se-800-01-2024"])  # no file changed: nothing to check
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._cli import main as cli


def main(argv: Sequence[str] | None = None) -> int:
    """Check each file; return the worst exit code (0 pass, 1 violations, 2 bad input)."""
    parser = argparse.ArgumentParser(prog="wfrules-pre-commit")
    parser.add_argument("files", nargs="*")
    parser.add_argument("--circular", "-c", action="append", required=True)
    parser.add_argument("--lang", choices=["en", "id"])
    parser.add_argument("--fail-on", choices=["error", "warning", "never"], default="error")
    parser.add_argument("--format", "-f", default="text", choices=["text", "markdown", "github"])
    args = parser.parse_args(argv)
    options = [x for c in args.circular for x in ("--circular", c)] + ["--fail-on", args.fail_on, "-f", args.format]
    if args.lang:
        options += ["--lang", args.lang]
    worst = 0
    for path in args.files:
        worst = max(worst, cli(["check", path, *options]))
    return worst


if __name__ == "__main__":  # pragma: no cover - run by pre-commit
    sys.exit(main())
