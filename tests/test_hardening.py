"""Hostile and odd inputs found in review: each once printed a traceback, was silently misread, or was slow.

Every CLI case asserts the exit code, that no traceback is printed, and (for files) that the input is unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

import wfrules
from wfrules import CircularError, RosterError, UsageError
from wfrules._cli import main
from wfrules._messages import format_date, sector_name
from wfrules._source import parse_yaml

KALBAR = "kalbar-se-800-01-2024"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-violating.json"


def run_cli(args: Sequence[str | Path], stdout: io.TextIOBase | None = None) -> tuple[int, str, str]:
    out = stdout if stdout is not None else io.StringIO()
    err = io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)  # type: ignore[arg-type]
    return code, out.getvalue() if isinstance(out, io.StringIO) else "", err.getvalue()


def rule_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "id: t\nnumber: 1/T/2024\ntitle: t\nissuer: t\njurisdiction: t\nissued: 2024-04-13\nrules:\n" + body,
        encoding="utf-8",
    )
    return path


def roster(*modes: str, sector: str = "government_administration", tags: Sequence[str] = ()) -> wfrules.Roster:
    return wfrules.Roster.model_validate({
        "units": [{"id": "u", "sector": sector, "tags": list(tags)}],
        "employees": [{"id": f"e{i}", "unit": "u"} for i in range(len(modes))],
        "assignments": [{"employee": f"e{i}", "date": "2024-04-16", "mode": m} for i, m in enumerate(modes)],
    })


# --------------------------------------------------------------------------------------------- CLI


def test_huge_integer_in_a_roster_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "roster.json"
    path.write_text('{"units": [], "x": ' + "9" * 5000 + "}", encoding="utf-8")
    code, _, err = run_cli(["check", path, "--circular", KALBAR])
    assert code == 2
    assert err.startswith(f"error: {path}")
    assert "Traceback" not in err


def test_huge_integer_in_a_rule_file_is_an_input_error(tmp_path: Path) -> None:
    path = rule_file(tmp_path, "  - id: r\n    limit: {kind: headcount, modes: [remote], max: " + "9" * 5000 + "}\n")
    with pytest.raises(CircularError):
        wfrules.load_circular(path)


def test_a_duplicate_json_key_is_located_in_its_own_object(tmp_path: Path) -> None:
    path = tmp_path / "roster.json"
    text = '{"units": [{"id": "a"}, {"id": "b",\n  "sector": "other", "id": "c"}],\n "employees": []}'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path)
    assert (info.value.line, info.value.column) == (2, 22)
    assert "duplicate key 'id'" in info.value.message


def test_output_that_the_terminal_cannot_encode_is_escaped_not_a_crash() -> None:
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii")
    code, _, err = run_cli(["check", EXAMPLE, "--circular", KALBAR], stdout=ascii_out)
    ascii_out.flush()
    assert code == 1
    assert err == ""
    assert "\\u201c" in raw.getvalue().decode("ascii")  # the “ of a quoted clause, escaped


class _FullDisk(io.StringIO):
    def write(self, s: str) -> int:
        raise OSError(28, "No space left on device")


def test_a_failing_output_stream_exits_2_with_a_message() -> None:
    code, _, err = run_cli(["check", EXAMPLE, "--circular", KALBAR], stdout=_FullDisk())
    assert code == 2
    assert err == "error: cannot write the output: No space left on device\n"


class _ClosedPipe(io.StringIO):
    def write(self, s: str) -> int:
        raise BrokenPipeError


def test_a_closed_pipe_keeps_the_verdict() -> None:
    code, _, err = run_cli(["check", EXAMPLE, "--circular", KALBAR], stdout=_ClosedPipe())
    assert code == 1  # `wfrules check … | head` must still fail a pipefail script
    assert err == ""


def test_the_same_circular_twice_is_a_usage_error() -> None:
    code, out, err = run_cli(["check", EXAMPLE, "--circular", KALBAR, "--circular", KALBAR])
    assert (code, out) == (2, "")
    assert "given twice" in err


def test_an_unexpected_exception_becomes_exit_2_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("wfrules._cmd_check.check", broken)
    code, _, err = run_cli(["check", EXAMPLE, "--circular", KALBAR])
    assert code == 2
    assert err.startswith("error: internal error: ZeroDivisionError: boom")
    assert "Traceback" not in err


# ------------------------------------------------------------------------------------- rule files


@pytest.mark.parametrize(
    ("text", "value"),
    [("017", 17), ("1:30", "1:30"), ("1_000", "1_000"), ("yes", "yes"), ("off", "off"), ("on", "on"),
     ("2024-04-16", "2024-04-16"), ("0.5", 0.5), (".5", 0.5), ("1e3", 1000.0), ("true", True), ("-3", -3)],
)
def test_yaml_scalars_follow_yaml_1_2(text: str, value: object) -> None:
    assert parse_yaml(f"a: {text}\n") == {"a": value}


@pytest.mark.parametrize(
    "limit",
    [
        "{kind: headcount, modes: [remote], max: true}",
        "{kind: share, modes: [remote], max: true, of: listed}",
        "{kind: share, modes: [remote], max: abc%, of: listed, rounding: down}",
        "{kind: share, modes: [remote], max: 150%, of: listed, rounding: down}",
    ],
)
def test_booleans_and_bad_percentages_are_not_numbers(tmp_path: Path, limit: str) -> None:
    with pytest.raises(CircularError) as info:
        wfrules.load_circular(rule_file(tmp_path, f"  - id: r\n    limit: {limit}\n"))
    assert info.value.line == 9


def test_a_percentage_with_decimals_is_exact() -> None:
    limit = wfrules.ShareLimit.model_validate(
        {"kind": "share", "modes": ["remote"], "max": "33.3%", "of": "listed", "rounding": "down"}
    )
    assert limit.bound(1000) == 333


@pytest.mark.parametrize(
    ("rrule", "problem"),
    [
        ("FREQ=DAILY;BYHOUR=5", "BYHOUR"),
        ("FREQ=HOURLY", "FREQ must be"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "never happens"),
        ("FREQ=WEEKLY;UNTIL=20261231", "'until'"),
    ],
)
def test_recurrences_that_never_apply_to_a_whole_date_are_rejected(rrule: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        wfrules.Recurrence.model_validate({"rrule": rrule, "start": "2024-01-01"})


def test_an_old_weekly_recurrence_is_cheap_to_test_on_many_dates() -> None:
    weekly = wfrules.Recurrence.model_validate({"rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "1900-01-04"})
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(366)]
    assert sum(day in weekly for day in days) == 52
    assert all(day.weekday() == 3 for day in days if day in weekly)


# ---------------------------------------------------------------------------------- rosters, tags


@pytest.mark.parametrize(
    "spelling", ["Direct_Service", "direct service", "Direct-Service", "pelayanan publik langsung"]
)
def test_tags_are_normalised_in_rosters(spelling: str) -> None:
    report = wfrules.check(roster("WFO", "CT", sector="health", tags=[spelling]), wfrules.load_circular(KALBAR))
    assert [v.rule for v in report.violations] == ["direct-service-present-100"]


def test_tags_are_normalised_in_csv_rosters(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("employee,unit,date,mode,sector,tags\ne1,u,2024-04-16,CT,health,Direct Service\n",
                    encoding="utf-8")
    code, _, _ = run_cli(["check", path, "--circular", KALBAR])
    assert code == 1


def test_a_blank_sector_that_contradicts_another_row_says_so(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("employee,unit,date,mode,sector\ne1,u,2024-04-16,WFO,health\ne2,u,2024-04-16,WFO,\n",
                    encoding="utf-8")
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path)
    assert info.value.line == 3
    assert "no sector (blank, read as 'other')" in info.value.message


def test_many_unknown_references_are_reported_up_to_the_limit(tmp_path: Path) -> None:
    data = {
        "units": [{"id": f"u{i}"} for i in range(3000)],
        "employees": [{"id": f"e{i}", "unit": f"X{i}"} for i in range(3000)],
        "assignments": [{"employee": f"e{i}", "date": "2024-04-16", "mode": "WFO"} for i in range(3000)],
    }
    path = tmp_path / "roster.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path, max_errors=5)
    assert len(info.value.problems) == 5
    assert info.value.dropped == 2995


# ------------------------------------------------------------------------------------ API misuse


@pytest.mark.parametrize(
    "call",
    [
        lambda r, c: wfrules.check(r, KALBAR),  # type: ignore[arg-type]
        lambda r, c: wfrules.check(r, [KALBAR]),  # type: ignore[list-item]
        lambda r, c: wfrules.check({"units": []}, [c]),  # type: ignore[arg-type]
        lambda r, c: wfrules.check(r, [c, c]),
        lambda r, c: wfrules.check(r, [c], lang="fr"),  # type: ignore[arg-type]
        lambda r, c: wfrules.load_roster(123),  # type: ignore[arg-type]
        lambda r, c: wfrules.load_roster(EXAMPLE, max_errors=0),
        lambda r, c: wfrules.load_circular(42),  # type: ignore[arg-type]
    ],
)
def test_api_misuse_raises_usage_error(call: object) -> None:
    with pytest.raises(UsageError) as info:
        call(roster("WFO"), wfrules.load_circular(KALBAR))  # type: ignore[operator]
    assert info.value.hint or info.value.message


def test_a_nul_byte_in_a_path_is_a_roster_error() -> None:
    with pytest.raises(RosterError):
        wfrules.load_roster("a\0b.json")


# -------------------------------------------------------------------------------------- messages


def test_dates_and_sectors_read_naturally_in_both_languages() -> None:
    day = dt.date(2024, 4, 17)
    assert format_date(day, "en") == "Wed 2024-04-17"
    assert format_date(day, "id") == "Rabu, 17 April 2024"
    assert sector_name("government_administration", "en") == "government administration"
    assert sector_name("government_administration", "id") == "administrasi pemerintahan"
    assert sector_name("other", "id") == "lainnya"


# ------------------------------------------------------------------------------ second review round


def test_an_unclosed_quote_cannot_hide_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "employee,unit,date,mode,note\n"
        'e1,u1,2024-04-16,WFO,"catatan\n'
        "e2,u1,2024-04-16,WFH,x\n"
        "e3,u1,2024-04-16,WFH,x\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(["check", path, "--circular", KALBAR])
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {path}:2: a quote")


def test_closed_standard_streams_keep_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)
    assert main(["check", str(EXAMPLE), "--circular", KALBAR]) == 1
    assert main(["check", "missing.csv", "--circular", KALBAR]) == 2


def test_a_fifo_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.yaml"
    os.mkfifo(fifo)
    code, _, err = run_cli(["check", EXAMPLE, "--circular", fifo])
    assert code == 2
    assert "not a regular file" in err


def test_explicit_yaml_tags_are_refused_even_standard_ones(tmp_path: Path) -> None:
    path = rule_file(tmp_path, "  - id: r\n    limit: {kind: headcount, modes: [remote], max: !!int 2}\n")
    with pytest.raises(CircularError) as info:
        wfrules.load_circular(path)
    assert info.value.line == 9
    assert "tags" in info.value.message


def test_files_given_in_each_others_place_are_named(tmp_path: Path) -> None:
    rules = Path(wfrules.__file__).parent / "catalog" / f"{KALBAR}.yaml"
    code, _, err = run_cli(["check", rules, "--circular", KALBAR])
    assert code == 2
    assert "looks like a rule file" in err
    code, _, err = run_cli(["check", EXAMPLE, "--circular", EXAMPLE])
    assert code == 2
    assert "looks like a roster" in err


@pytest.mark.parametrize("share", ["1_0%", "\u0664\u0660%", "%", "5e1%", "1000%"])
def test_percentages_are_plain_ascii_numbers(share: str) -> None:
    with pytest.raises(ValueError, match=r"percentage|less than or equal"):
        wfrules.ShareLimit.model_validate(
            {"kind": "share", "modes": ["remote"], "max": share, "of": "listed", "rounding": "down"}
        )


def test_two_extra_columns_with_one_name_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("employee,unit,date,mode,note,note\ne1,u,2024-04-16,WFO,a,b\n", encoding="utf-8")
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path)
    assert (info.value.line, info.value.column) == (1, 6)


def test_dump_circular_writes_what_the_loader_reads_back() -> None:
    tricky = wfrules.Circular.model_validate({
        "id": "08", "number": "017", "title": "1e3", "issuer": "yes", "jurisdiction": "null",
        "issued": "2020-01-01", "readings": ["off", "1:30", "true"], "rules": [],
    })
    for fmt, name in (("yaml", "x.yaml"), ("json", "x.json")):
        assert wfrules.parse_circular(wfrules.dump_circular(tricky, fmt), name) == tricky
