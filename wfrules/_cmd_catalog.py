"""``wfrules catalog [--format text|json]``: the circulars shipped with wfrules (CONTRACT §3)."""

from __future__ import annotations

import argparse
import json

from ._catalog import catalog
from ._cliutil import EXIT_OK, Context


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``catalog`` to the CLI."""
    cmd = commands.add_parser("catalog", help="list the circulars shipped with wfrules")
    cmd.add_argument("--format", "-f", choices=["text", "json"], default="text")


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """List the catalog (always exit 0)."""
    entries = [
        {"id": c.id, "number": c.number, "title": c.title, "issuer": c.issuer,
         "jurisdiction": c.jurisdiction, "issued": c.issued.isoformat(), "based_on": list(c.based_on),
         "rules": len(c.rules)}
        for c in catalog()
    ]
    if args.format == "json":
        return EXIT_OK, json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    return EXIT_OK, "".join(
        f"{entry['id']:<28} {entry['issued']}  {entry['number']}  ({entry['issuer']})\n" for entry in entries
    )
