"""``wfrules refines CHILD --parent PARENT [--format text|json]``: is CHILD at least as strict (CONTRACT §3)."""

from __future__ import annotations

import argparse

from ._cliutil import EXIT_FINDINGS, EXIT_OK, Context, add_lang_option, load_inputs
from ._refines import refines


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``refines`` to the CLI."""
    cmd = commands.add_parser("refines", help="decide whether a circular is at least as strict as its parent")
    cmd.add_argument("child", metavar="CHILD", help="catalog id or rule-file path")
    cmd.add_argument("--parent", "-p", required=True, metavar="PARENT", help="catalog id or rule-file path")
    cmd.add_argument("--format", "-f", choices=["text", "json"], default="text")
    add_lang_option(cmd)


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Run ``refines``: exit 0 when CHILD refines PARENT; 1 on a counterexample or an undecided question."""
    (child, parent), _ = load_inputs([args.child, args.parent], None)
    result = refines(child, parent, lang=ctx.lang)
    content = result.render_json() if args.format == "json" else result.render_text()
    return (EXIT_OK if result.refines else EXIT_FINDINGS), content
