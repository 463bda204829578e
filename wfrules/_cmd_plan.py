"""``wfrules plan --staff STAFF.csv --circular … --from D --to D -o ROSTER.json [--requests REQ.csv]``: a roster
that passes ``check``, with remote work rotated fairly (CONTRACT §3)."""

from __future__ import annotations

import argparse
import json

from ._cliutil import (
    EXIT_FINDINGS,
    EXIT_OK,
    Context,
    add_circular_option,
    add_context_option,
    add_lang_option,
    add_max_errors_option,
    load_context_option,
    load_inputs,
    write_atomic,
)
from ._errors import InputError, Problem, UsageError
from ._messages import Lang, format_date, text
from ._model import parse_iso_date
from ._plan import PlanResult, Request, Staff, load_requests, load_staff, plan
from ._roster_write import dump_roster, format_of


def _date(value: str) -> object:
    try:
        return parse_iso_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``plan`` to the CLI."""
    cmd = commands.add_parser("plan", help="plan a roster that passes the circulars, with a fair remote rotation")
    cmd.add_argument("--staff", required=True, metavar="STAFF.csv",
                     help="staff list: employee,unit,sector,tags[,remote_eligible]")
    add_circular_option(cmd)
    cmd.add_argument("--from", dest="start", required=True, type=_date, metavar="YYYY-MM-DD")
    cmd.add_argument("--to", dest="end", required=True, type=_date, metavar="YYYY-MM-DD")
    cmd.add_argument("--output", "-o", required=True, metavar="ROSTER",
                     help="where to write the roster (.json or .csv)")
    cmd.add_argument("--requests", metavar="REQ.csv", help="requests: employee,date,mode (leave, WFO, WFH wishes)")
    cmd.add_argument("--remote", choices=["cap", "none"], default="cap",
                     help="cap: use each unit's remote allowance up to its cap (default); none: only WFH wishes")
    cmd.add_argument("--unregulated", choices=["remote", "wfo"], default="wfo",
                     help="days no rule covers have no cap: wfo (default) plans the office as usual; remote (with "
                     "--remote cap) lets every eligible employee work remotely")
    add_context_option(cmd)
    cmd.add_argument("--format", "-f", choices=["text", "json"], default="text")
    add_lang_option(cmd)
    add_max_errors_option(cmd)


def render_text(result: PlanResult, lang: Lang, path: str) -> str:
    """What was planned, how fair it is, what was not granted."""
    data = result.to_json_dict()
    summary = data["summary"]
    first, last = (format_date(result.days[0], lang), format_date(result.days[-1], lang)) if result.days else ("-", "-")
    lines = [text("plan.title", lang, circulars=", ".join(result.report.circulars), start=first, end=last),
             text("plan.summary", lang, **summary)]
    for unit, (low, high) in sorted(result.remote_spread().items()):
        lines.append("  " + text("plan.unit", lang, unit=unit, low=low, high=high))
    for item in result.not_granted:
        reason = text(f"plan.reason.{item.reason}", lang, rules=", ".join(item.rules))
        lines.append(text("plan.not_granted", lang, employee=item.request.employee,
                          date=format_date(item.request.date, lang), mode=item.request.mode.value, reason=reason))
    for unit, day, rules in result.infeasible:
        lines.append(text("plan.infeasible", lang, unit=unit, date=format_date(day, lang), rules=", ".join(rules)))
    errors = len(result.report.errors)
    lines.append(text("plan.ok", lang) if result.ok else text("plan.failed", lang, errors=errors))
    lines.append(text("plan.written", lang, path=path))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Run ``plan``: exit 0 when the planned roster passes the check, 1 when the rules cannot all be met."""
    fmt = format_of(args.output)
    failures: list[InputError] = []
    staff: Staff | None = None
    try:
        staff = load_staff(args.staff, max_errors=args.max_errors)
    except InputError as exc:
        failures.append(exc)
    try:
        circulars, _ = load_inputs(args.circular, None, max_errors=args.max_errors)
    except InputError as exc:
        failures.append(exc)
    requests: list[Request] = []
    if staff is not None and args.requests:
        try:
            requests = load_requests(args.requests, staff, max_errors=args.max_errors)
        except InputError as exc:
            failures.append(exc)
    if failures:
        raise InputError([p for f in failures for p in f.problems], dropped=sum(f.dropped for f in failures))
    assert staff is not None
    if args.end < args.start:
        raise UsageError(Problem(f"--to {args.end} is before --from {args.start}", "--to", hint="swap them"))
    result = plan(staff, circulars, args.start, args.end, requests=requests, remote=args.remote,
                  unregulated=args.unregulated, lang=ctx.lang, context=load_context_option(args.context))
    write_atomic(args.output, dump_roster(result.roster, fmt, args.output))
    code = EXIT_OK if result.ok else EXIT_FINDINGS
    if args.format == "json":
        data = result.to_json_dict()
        data["output"] = args.output
        data["lang"] = ctx.lang
        return code, json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return code, render_text(result, ctx.lang, args.output)
