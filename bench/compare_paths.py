"""Both counting paths on the same rosters: the JSON reports must be identical (needs ``wfrules[fast]``).

    python bench/compare_paths.py                    # generated rosters of 2k, 20k and 200k rows
    python bench/compare_paths.py roster.csv ...     # your own CSV rosters

For each roster it checks the catalog's circulars and ``bench/rules-20.yaml`` through the core reader
(``load_roster`` + ``check``) and through the fast path (``wfrules._fast.load_csv`` + ``check``), in
English and Indonesian, and compares the JSON reports. It also damages a copy of each generated roster
(an unknown mode, a duplicate row, a contradicting sector, a blank line with a lone carriage return) and
checks that the fast path declines it, so the core reader reports the problem. Exit status 1 on any
difference. The same comparison runs in the test suite (``tests/test_fast.py``) when DuckDB is installed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_roster import generate  # noqa: E402

import wfrules  # noqa: E402
from wfrules import _fast  # noqa: E402


def compare(path: Path, circulars: list[wfrules.Circular]) -> bool:
    start = time.perf_counter()
    counted = _fast.load_csv(path)
    if counted is None:
        print(f"{path}: the fast path declined this file (the core reader handles it)")
        return True
    fast_seconds = time.perf_counter() - start
    start = time.perf_counter()
    roster = wfrules.load_roster(path)
    core_seconds = time.perf_counter() - start
    same = True
    for lang in ("en", "id"):
        fast = wfrules.check(counted, circulars, lang=lang).to_json_dict()
        core = wfrules.check(roster, circulars, lang=lang).to_json_dict()
        if fast != core:
            same = False
            print(f"{path} ({lang}): DIFFERENT reports", file=sys.stderr)
    violations = len(wfrules.check(roster, circulars).violations)
    print(f"{path}: {'same' if same else 'DIFFERENT'} ({violations} violations; counting: fast "
          f"{fast_seconds:.2f} s, core {core_seconds:.2f} s)")
    return same


def damaged(path: Path, folder: Path) -> list[Path]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    employee, unit, day, _, sector, tags = lines[middle].rstrip("\n").split(",")
    other = "energy" if sector != "energy" else "health"
    variants = {
        "unknown-mode": f"{employee},{unit},{day},WHF,{sector},{tags}\n",
        "duplicate": lines[middle],
        "sector": f"x{employee},{unit},{day},WFO,{other},{tags}\n",
        # Fewer rows than lines for DuckDB (a blank line), and a row more (a lone carriage return): together
        # they would count as many rows as lines.
        "blank-line-and-lone-cr": f"\nx{employee},{unit},{day},WFO,{sector},{tags}\ry{employee},{unit},{day},WFO,"
                                  f"{sector},{tags}\n",
    }
    out = []
    for name, line in variants.items():
        target = folder / f"{path.stem}-{name}.csv"
        target.write_text("".join([*lines[: middle + 1], line, *lines[middle + 1:]]), encoding="utf-8")
        out.append(target)
    return out


def main(argv: list[str]) -> int:
    if not _fast.available():
        print("the fast extra is not installed: pip install -e '.[fast]'", file=sys.stderr)
        return 2
    circulars = [wfrules.load_circular(i) for i in wfrules.catalog_ids()]
    circulars.append(wfrules.load_circular(str(HERE / "rules-20.yaml")))
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [Path(p) for p in argv]
        generated = []
        if not paths:
            for rows in (2_000, 20_000, 200_000):
                path = folder / f"roster-{rows}.csv"
                generate(rows, str(path), seed=rows)
                generated.append(path)
            paths = list(generated)
        for path in paths:
            ok &= compare(path, circulars)
        for path in generated:
            for bad in damaged(path, folder):
                declined = _fast.load_csv(bad) is None
                ok &= declined
                print(f"{bad.name}: {'declined, left to the core reader' if declined else 'NOT DECLINED'}")
    print("all identical" if ok else "DIFFERENCES FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
