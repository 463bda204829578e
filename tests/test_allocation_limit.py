"""``quota`` and ``plan`` scan every way of spreading remote places over the groups employee filters tell
apart; past ``MAX_ALLOCATIONS`` ways they stop with a usage error (exit 2) that says why and what to do,
instead of running for hours. The limit is lowered here so the DKI example reaches it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import wfrules._quota
from wfrules._cli import main

DKI = Path(__file__).resolve().parent.parent / "examples" / "pemprov-dki-bkd-se-e-0021-2025"
STAFF = """employee,unit,sector,tags,region,service_24h
d0,damkar,disaster,,31,true
d1,damkar,disaster,,31,true
o0,damkar,disaster,,31,false
o1,damkar,disaster,,31,false
"""


def run(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    return main(args, stdout=io.StringIO(), stderr=err), err.getvalue()


@pytest.fixture
def low_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wfrules._quota, "MAX_ALLOCATIONS", 2)


def test_quota_stops_past_the_limit_with_a_hint(low_limit: None) -> None:
    code, err = run(["quota", str(DKI / "roster.json"), "-c", "pemprov-dki-bkd-se-e-0021-2025"])
    assert code == 2
    assert err.startswith("error: quota: ")
    assert "ways to spread places over the employees that filters tell apart; over the limit of 2" in err
    assert "wfrules check" in err


def test_plan_stops_past_the_limit_with_a_hint(low_limit: None, tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF)
    target = tmp_path / "plan.json"
    code, err = run(["plan", "--staff", str(staff), "-c", "pemprov-dki-bkd-se-e-0021-2025", "--from", "2025-08-29",
                     "--to", "2025-08-29", "-o", str(target)])
    assert code == 2
    assert err.startswith("error: plan: ")
    assert "over the limit of 2" in err
    assert "plan smaller units" in err
    assert not target.exists()


def test_under_the_limit_both_work(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF)
    assert run(["quota", str(DKI / "roster.json"), "-c", "pemprov-dki-bkd-se-e-0021-2025"])[0] == 0
    assert run(["plan", "--staff", str(staff), "-c", "pemprov-dki-bkd-se-e-0021-2025", "--from", "2025-08-29",
                "--to", "2025-08-29", "-o", str(tmp_path / "plan.json")])[0] == 0
