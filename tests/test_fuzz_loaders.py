"""Fuzzing every loader: whatever the bytes, only ``WfrulesError`` subclasses escape, and problems are located.

The ``ci``/``dev`` profiles run a quick pass; ``--hypothesis-profile=fuzz`` runs 10,000 examples per test.
Inputs are built from pieces of valid files (so the fuzzer gets past the first byte) mixed with noise.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wfrules
from wfrules import WfrulesError
from wfrules._cli import main

KALBAR_YAML = (Path(wfrules.__file__).parent / "catalog" / "kalbar-se-800-01-2024.yaml").read_text(encoding="utf-8")
EXAMPLE_JSON = (
    Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-violating.json"
).read_text(encoding="utf-8")

CSV_PIECES = [
    "employee,unit,date,mode,sector,tags\n", "employee;unit;date;mode\n", "e1,u1,2024-04-16,WFO,health,\n",
    "e2,u1,2024-04-16,WFH,,direct_service\n", "\ufeff", "\r\n", '"', ",", ";", "\t", "WHF", "2024-02-30",
    "16/04/2024", "e1,u2,2024-04-16,CT,kesehatan,x;y\n", "\x00", "'1988", "1.98802E+17", "\n\n",
]
JSON_PIECES = ['{"units": [', '{"id": "u", "sector": "health"}', "]", ', "employees": [', '{"id": "e", "unit": "u"}',
               ', "assignments": [', '{"employee": "e", "date": "2024-04-16", "mode": "WFH"}', "}", ",", "null",
               '"x"', "1e999", "[" * 50, '"mode": "OFF"', "true"]
YAML_PIECES = ["id: x\n", "rules:\n", "  - id: r\n", "    limit: {kind: share, modes: [remote], max: 50%}\n",
               "    window: {dates: [2024-04-16]}\n", "&a [1, 2]\n", "*a\n", "!!python/object:os.system\n", "\t",
               "issued: 2024-13-01\n", "- ", ": ", "{", "}", "number: 017\n", "max: .nan\n", "rrule: FREQ=DAILY\n"]


def mutated(base: str, pieces: list[str]) -> st.SearchStrategy[str]:
    """Text made by cutting ``base`` and splicing in pieces and noise."""
    noise = st.text(max_size=20)
    parts = st.lists(st.one_of(st.sampled_from(pieces), noise), max_size=12)
    return st.tuples(st.integers(0, len(base)), st.integers(0, len(base)), parts).map(
        lambda t: base[: min(t[0], t[1])] + "".join(t[2]) + base[max(t[0], t[1]) :]
    )


def assume_only_wfrules_errors(load: object, text: str) -> None:
    try:
        load(text)  # type: ignore[operator]
    except WfrulesError as exc:
        problems = getattr(exc, "problems", [])
        assert problems, "an input error carries at least one problem"
        assert all(p.message for p in problems)


@given(st.one_of(mutated("".join(CSV_PIECES[:4]), CSV_PIECES), st.text(max_size=300)))
def test_csv_roster_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_roster_csv(t, "r.csv"), text)


@given(st.one_of(mutated(EXAMPLE_JSON[:2000], JSON_PIECES), st.text(max_size=300)))
def test_json_roster_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_roster_json(t, "r.json"), text)


@given(st.one_of(mutated(KALBAR_YAML, YAML_PIECES), st.text(max_size=300)))
def test_yaml_rule_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_circular(t, "c.yaml"), text)


@given(st.one_of(mutated(json.dumps(wfrules.load_circular("kalbar-se-800-01-2024").model_dump(
    mode="json", by_alias=True, exclude_none=True)), JSON_PIECES), st.text(max_size=300)))
def test_json_rule_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_circular(t, "c.json"), text)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    roster=st.one_of(mutated("".join(CSV_PIECES[:4]), CSV_PIECES), mutated(EXAMPLE_JSON[:1500], JSON_PIECES)),
    suffix=st.sampled_from([".csv", ".json", ".txt"]),
    args=st.lists(st.sampled_from(["--format", "json", "text", "xml", "--lang", "id", "en", "--max-errors",
                                   "0", "3", "-c", "kalbar-se-800-01-2024", "menpanrb-se-01-2024", "nope",
                                   "--circular", "--bogus"]), max_size=6),
)
def test_the_cli_only_exits_0_1_or_2_and_never_shows_a_traceback(
    tmp_path_factory: object, roster: str, suffix: str, args: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    path = folder / f"roster{suffix}"
    path.write_text(roster, encoding="utf-8", errors="surrogatepass")
    before = path.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(path), "--circular", "kalbar-se-800-01-2024", *args], stdout=out, stderr=err)
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue()
    assert path.read_bytes() == before
