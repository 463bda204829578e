"""Lazy imports: ``import wfrules`` and a small ``wfrules check`` load only what they use.

Each test runs a fresh interpreter and asserts on ``sys.modules`` (never on time: start-up time is measured
by ``bench/startup.py``). Every "not imported" assertion has a control beside it that makes the same module
load, so the assertions can fail.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import wfrules
from wfrules import _cli

ROOT = Path(__file__).resolve().parent.parent
KALBAR = ROOT / "examples" / "kalbar-2024"
JSON_ROSTER = KALBAR / "roster-violating.json"
CSV_ROSTER = KALBAR / "roster-violating.csv"

#: Never needed by ``check`` of a CSV roster (argparse asks shutil for the terminal's width: wfrules reads it
#: itself; --output writes through tempfile, which imports shutil). A JSON roster builds pydantic's validator,
#: whose plug-in look-up (importlib.metadata, zipfile) imports them.
UNUSED_CSV = ("shutil", "bz2", "lzma")
#: Never needed by ``check`` with text output on a small roster against Kalbar's circular.
UNUSED = (
    "holidays",                  # the holiday calendar: rules with holiday windows, lint, plan
    "yaml", "wfrules._yaml",     # rule files given as paths (catalog circulars are read from _catalog.json)
    "pandas", "numpy",           # Report.to_pandas()
    "duckdb", "pyarrow", "polars",
    "wfrules._fast",             # a fast path for large files, if there is one
    "dateutil.rrule",            # RRULE recurrences: rule files that have them
    "dateutil.parser",           # dates written with a month name ("16 April 2024") in a roster
    "difflib",                   # "did you mean" hints: input errors only
    "html",                      # the HTML and Markdown renderers, Report._repr_html_
    "xml.etree.ElementTree",     # JUnit output
    "wfrules._render_html", "wfrules._render_markdown",
    "wfrules._lint", "wfrules._plan", "wfrules._fix", "wfrules._explain", "wfrules._quota", "wfrules._refines",
    "wfrules._kinds", "wfrules._feasible", "wfrules._roster_write",
    "wfrules._context",          # context tables: --context, or a ContextTable passed to check()
    *(f"wfrules.{module}" for name, module in _cli.COMMANDS.items() if name != "check"),
)


def run_python(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object, returned here."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def modules_after_cli(args: list[str]) -> set[str]:
    """The modules loaded by a fresh interpreter that runs the CLI with ``args`` (exit code 0 or 1)."""
    result = run_python(f"""
        import io, json, sys
        from wfrules._cli import main
        err = io.StringIO()
        code = main({[str(a) for a in args]!r}, stdout=io.StringIO(), stderr=err)
        print(json.dumps({{"code": code, "err": err.getvalue(), "modules": sorted(sys.modules)}}))
    """)
    assert result["code"] in (0, 1), result["err"]
    modules = result["modules"]
    assert isinstance(modules, list)
    return set(modules)


@pytest.mark.parametrize("roster", [JSON_ROSTER, CSV_ROSTER], ids=["json", "csv"])
def test_a_small_check_imports_nothing_it_does_not_use(roster: Path) -> None:
    loaded = modules_after_cli(["check", roster, "--circular", "kalbar-se-800-01-2024"])
    assert {"wfrules._engine", "wfrules._cmd_check", "pydantic"} <= loaded  # it did check
    assert sorted(loaded.intersection(UNUSED)) == []
    if roster == CSV_ROSTER:
        assert sorted(loaded.intersection(UNUSED_CSV)) == []


def test_a_json_roster_does_not_load_the_csv_reader() -> None:
    assert "wfrules._stream" not in modules_after_cli(["check", JSON_ROSTER, "--circular", "kalbar-se-800-01-2024"])
    # The control: a CSV roster does.
    assert "wfrules._stream" in modules_after_cli(["check", CSV_ROSTER, "--circular", "kalbar-se-800-01-2024"])


@pytest.mark.parametrize(("fmt", "module"), [
    ("junit", "xml.etree.ElementTree"), ("html", "wfrules._render_html"), ("markdown", "wfrules._render_markdown"),
])
def test_a_format_loads_its_renderer_when_asked(fmt: str, module: str) -> None:
    # The control for the renderers: asking for the format loads its module.
    loaded = modules_after_cli(["check", JSON_ROSTER, "--circular", "kalbar-se-800-01-2024", "--format", fmt])
    assert module in loaded


def test_a_month_name_date_loads_dateutil(tmp_path: Path) -> None:
    # The control for dateutil's parser: a roster date written with a month name.
    roster = tmp_path / "roster.csv"
    roster.write_text("employee,unit,date,mode\n1,bkd,16 April 2024,WFO\n", encoding="utf-8")
    assert "dateutil.parser" in modules_after_cli(["check", roster, "--circular", "kalbar-se-800-01-2024"])


def test_a_context_table_loads_its_module() -> None:
    # The control for wfrules._context: --context reads a table.
    example = ROOT / "examples" / "menpanrb-se-25-2021"
    loaded = modules_after_cli(["check", example / "roster.json", "--circular", "menpanrb-se-25-2021",
                                "--context", example / "levels.csv"])
    assert "wfrules._context" in loaded


def test_writing_a_file_loads_shutil(tmp_path: Path) -> None:
    # The control for shutil: --output writes through tempfile, which imports it.
    loaded = modules_after_cli(["check", CSV_ROSTER, "--circular", "kalbar-se-800-01-2024",
                                "--output", tmp_path / "report.txt"])
    assert "shutil" in loaded


def test_the_console_scripts_import_is_light() -> None:
    # The console script imports wfrules._cli before calling program(), which pauses the garbage collector
    # while the heavy modules load: importing it alone must load none of them.
    result = run_python("""
        import json, sys
        import wfrules._cli
        before = sorted(sys.modules)
        wfrules._cli.command("check")  # the control: the command's module brings them
        print(json.dumps({"before": before, "after": sorted(sys.modules)}))
    """)
    heavy = {"pydantic", "wfrules._cliutil", "wfrules._circular", "wfrules._catalog"}
    assert heavy.isdisjoint(result["before"])  # type: ignore[arg-type]
    assert [m for m in result["before"] if m.startswith("wfrules")] == ["wfrules", "wfrules._cli"]  # type: ignore[union-attr]
    assert heavy <= set(result["after"])  # type: ignore[arg-type]


def test_rules_that_need_them_load_yaml_dateutil_rrule_and_holidays(tmp_path: Path) -> None:
    # The control for the calendar and the recurrences: a rule file with an RRULE window and a holiday window.
    rules = tmp_path / "calendar.yaml"
    rules.write_text(textwrap.dedent("""
        id: calendar-rules
        number: "1"
        title: Calendar rules
        issuer: BKD
        jurisdiction: demo
        issued: 2024-01-01
        rules:
          - id: tuesdays
            window: {recurrences: [{rrule: "FREQ=WEEKLY;BYDAY=TU", start: 2024-01-02}]}
            limit: {kind: share, modes: [remote], max: 50%, of: listed, rounding: down}
          - id: after-lebaran
            window: {holidays: [{holiday: idul_fitri, year: 2024, working_days_after: 2}]}
            limit: {kind: share, modes: [remote], max: 50%, of: listed, rounding: down}
    """), encoding="utf-8")
    loaded = modules_after_cli(["check", JSON_ROSTER, "--circular", rules])
    assert {"dateutil.rrule", "holidays", "yaml"} <= loaded


def test_other_commands_load_their_own_modules() -> None:
    loaded = modules_after_cli(["quota", "--circular", "kalbar-se-800-01-2024", JSON_ROSTER])
    assert {"wfrules._cmd_quota", "wfrules._quota"} <= loaded
    assert "wfrules._cmd_check" not in loaded
    assert "wfrules._plan" not in loaded


def test_importing_wfrules_imports_no_submodule_until_a_name_is_used() -> None:
    result = run_python("""
        import json, sys, wfrules
        before = sorted(m for m in sys.modules if m.startswith("wfrules."))
        wfrules.Roster
        after = sorted(m for m in sys.modules if m.startswith("wfrules."))
        print(json.dumps({"before": before, "after": after, "pydantic": "pydantic" in sys.modules}))
    """)
    assert result["before"] == []
    assert "wfrules._roster" in result["after"]  # the control: using a name loads its module


def test_every_public_name_resolves_and_is_listed() -> None:
    names = [n for n in wfrules.__all__ if n != "__version__"]
    assert sorted(wfrules._LAZY) == sorted(names)
    for name in names:
        value = getattr(wfrules, name)
        module = sys.modules[f"wfrules.{wfrules._LAZY[name]}"]
        assert value is getattr(module, wfrules._RENAMED.get(name, name))
    assert set(wfrules.__all__) <= set(dir(wfrules))
    with pytest.raises(AttributeError, match="has no attribute 'chek'"):
        wfrules.chek  # noqa: B018
    namespace: dict[str, object] = {}
    exec("from wfrules import *", namespace)
    assert set(names) <= set(namespace)


def test_help_and_usage_errors_still_list_every_command() -> None:
    help_text = _cli._parser().format_help()
    err = io.StringIO()
    assert _cli.main(["chek"], stdout=io.StringIO(), stderr=err) == 2
    for name in _cli.COMMANDS:
        assert name in help_text
        assert repr(name) in err.getvalue()


def test_a_command_alone_parses_as_with_every_command() -> None:
    args = ["check", "r.json", "--circular", "c.yaml", "--format", "json", "--lang", "id"]
    assert vars(_cli._parser("check").parse_args(args)) == vars(_cli._parser().parse_args(args))
    assert list(_cli._parser("check")._subparsers._group_actions[0].choices) == ["check"]  # type: ignore[union-attr]
