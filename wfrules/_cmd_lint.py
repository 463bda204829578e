"""``wfrules lint ID_OR_PATH… [--format text|json|sarif] [--strict]``: findings on rule files (CONTRACT §3)."""

from __future__ import annotations

import argparse

from ._cliutil import EXIT_FINDINGS, EXIT_OK, Context, add_lang_option
from ._lint import lint


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lint`` to the CLI."""
    cmd = commands.add_parser("lint", help="find errors and suspicious rules in rule files (codes WFR1xx)")
    cmd.add_argument("circulars", nargs="+", metavar="ID_OR_PATH", help="catalog id or rule-file path")
    cmd.add_argument("--format", "-f", choices=["text", "json", "sarif"], default="text")
    cmd.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    add_lang_option(cmd)


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Run ``lint``: exit 0 without error findings (with ``--strict``: without any finding), else 1."""
    result = lint(args.circulars, lang=ctx.lang)
    failed = not result.ok or (args.strict and bool(result.findings))
    render = {"text": result.render_text, "json": result.render_json, "sarif": result.render_sarif}[args.format]
    return (EXIT_FINDINGS if failed else EXIT_OK), render()
