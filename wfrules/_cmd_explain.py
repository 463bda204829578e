"""``wfrules explain --circular … --date D (--unit U --roster R | --sector S [--tag T]…)`` (CONTRACT §3)."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from ._cliutil import (
    EXIT_OK,
    Context,
    add_circular_option,
    add_context_option,
    add_lang_option,
    load_context_option,
    load_inputs,
)
from ._errors import Problem, UsageError
from ._explain import explain
from ._model import parse_iso_date


def _date(value: str) -> dt.date:
    try:
        day = parse_iso_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    assert isinstance(day, dt.date)
    return day


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number of people: {value!r}")
    return int(value)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``explain`` to the CLI."""
    cmd = commands.add_parser("explain", help="which rules apply to a unit on a date, why the others do not, "
                                              "and the resulting quota")
    add_circular_option(cmd)
    cmd.add_argument("--date", "-d", required=True, type=_date, help="YYYY-MM-DD")
    cmd.add_argument("--unit", "-u", help="a unit id of --roster")
    cmd.add_argument("--roster", "-r", help="roster file (.json or .csv) holding --unit")
    cmd.add_argument("--sector", "-s", help="a unit kind's sector (code or Indonesian name)")
    cmd.add_argument("--tag", "-t", action="append", default=[], help="a unit kind's tag; repeatable")
    cmd.add_argument("--listed", "-n", type=_count, help="head count listed that day, for the quota in people")
    cmd.add_argument("--region", help="a unit kind's region (Kemendagri code or province name), for region scopes "
                                      "and context tables")
    add_context_option(cmd)
    cmd.add_argument("--format", "-f", choices=["text", "json"], default="text")
    add_lang_option(cmd)


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Run ``explain`` (exit 0; 2 on bad input)."""
    if (args.unit is None) != (args.roster is None):
        raise UsageError(Problem("--unit and --roster go together", "wfrules explain",
                                 hint="--unit U --roster R, or --sector S [--tag T]"))
    if args.unit is not None and (args.sector is not None or args.tag or args.listed is not None
                                  or args.region is not None):
        raise UsageError(Problem("give either --unit/--roster or --sector/--tag/--listed/--region, not both",
                                 "wfrules explain",
                                 hint="a roster already says the unit's sector, tags and head count"))
    if args.unit is None and args.sector is None:
        raise UsageError(Problem("say whom to explain for", "wfrules explain",
                                 hint="--unit U --roster R, or --sector S [--tag T]"))
    circulars, roster = load_inputs(args.circular, args.roster)
    result = explain(circulars, args.date, unit=args.unit, roster=roster, sector=args.sector, tags=args.tag,
                     listed=args.listed, region=args.region, context=load_context_option(args.context),
                     lang=ctx.lang)
    if args.format == "json":
        return EXIT_OK, json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    return EXIT_OK, result.render_text()
