"""The benchmark: wfrules (core and fast paths) against pandas, DuckDB SQL and plain Python, in one run.

    python bench/run.py                          # 10k, 100k and 1M rows (generated once, cached)
    python bench/run.py --10m                    # and 10M rows (about 600 MiB of CSV; several minutes)
    python bench/run.py --sizes 10k,100k --reps 5 --out /tmp/results.md

For each size it generates a seed-circular-shaped CSV roster (``bench/gen_roster.py``), then times, in the
same run and as separate processes, ``wfrules check --circular kalbar-se-800-01-2024 --format json`` with
``--engine core`` and ``--engine fast``, and three references that compute the same violations
(``bench/ref_pandas.py``, ``bench/ref_duckdb.py``, ``bench/ref_python.py``): wall time (best of
``--reps``), CPU time and peak memory (the child's maximum resident set, from ``wait4``). It checks that
the core and fast JSON reports are identical and that every reference finds the same ``(rule, unit,
date, excess)`` as wfrules, and prints the ratios. Then: 20 rules against 2 on the largest size up to 1M
rows (``bench/rules-20.yaml`` / ``rules-2.yaml``); the CLI's start-up on a 50-staff roster against
``python -c "import pydantic"`` (hyperfine when installed, else repeated runs); the latency of an
in-process ``check`` of a 50-employee x 5-day roster. The results go to a markdown file (``--out``).

Optional tools: pandas and duckdb for the references and the fast path (``pip install -e '.[fast]' pandas``),
hyperfine (``apt-get install hyperfine``). What is missing is reported as skipped, not guessed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_roster import generate  # noqa: E402

KALBAR = "kalbar-se-800-01-2024"
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}


@dataclass
class Run:
    """One timed process: best wall time over the repetitions, its CPU time and the peak memory."""

    name: str
    wall: float | None = None
    cpu: float | None = None
    rss_mib: float | None = None
    code: int | None = None
    note: str = ""
    output: Path | None = None

    @property
    def ok(self) -> bool:
        return self.wall is not None and self.code in (0, 1)


def timed(name: str, cmd: list[str], out: Path, reps: int, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` ``reps`` times (stdout to ``out``); keep the fastest run's numbers."""
    best = Run(name, output=out)
    for _ in range(reps):
        err = out.with_suffix(".err")
        with out.open("wb") as stdout, err.open("wb") as stderr:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            first = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            return Run(name, code=code, note=(first[0] if first else f"exit {code}")[:120])
        if best.wall is None or wall < best.wall:
            best = Run(name, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, output=out)
    return best


def wfrules_cmd() -> list[str]:
    script = Path(sys.executable).with_name("wfrules")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wfrules"]


def has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def verdicts(run: Run) -> list[list[object]] | None:
    """The (rule, unit, date, excess) of a run's output (a wfrules JSON report or a reference's list)."""
    if not run.ok or run.output is None:
        return None
    data = json.loads(run.output.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        return sorted([v["rule"], v["unit"], v["date"], v["excess"]] for v in data["violations"])
    return sorted(data)


def fmt_time(run: Run) -> str:
    if run.wall is None:
        return f"— ({run.note})" if run.note else "—"
    return f"{run.wall:.2f} s"


def fmt_ratio(a: Run, b: Run) -> str:
    """Wall-time ratio, and CPU-time ratio (steadier when other jobs share the machine)."""
    if not (a.wall and b.wall):
        return "—"
    cpu = f" (CPU {a.cpu / b.cpu:.2f}×)" if a.cpu and b.cpu else ""
    return f"{a.wall / b.wall:.2f}×{cpu}"


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        total = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {total / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for name in ("pydantic", "duckdb", "pandas"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:
            versions.append(f"{name} not installed")
    return [
        f"- {platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{mem}",
        f"- Python {platform.python_version()}; " + ", ".join(versions),
        f"- load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (other jobs share the machine)",
    ]


def bench_size(label: str, rows: int, folder: Path, reps: int, lines: list[str], summary: dict[str, object]) -> None:
    roster = folder / f"roster-{label}.csv"
    if not roster.exists():
        info = generate(rows, str(roster))
        print(f"generated {roster}: {info}", file=sys.stderr)
    reps = reps if rows < 1_000_000 else 1  # one run per command from 1M rows: the core takes minutes today
    size_mib = roster.stat().st_size / 2**20
    check = [*wfrules_cmd(), "check", str(roster), "--circular", KALBAR, "--format", "json"]
    runs = {
        "core": timed("wfrules core", [*check, "--engine", "core"], folder / f"{label}-core.json", reps),
        "fast": (timed("wfrules fast", [*check, "--engine", "fast"], folder / f"{label}-fast.json", reps)
                 if has("duckdb") else Run("wfrules fast", note="duckdb not installed")),
        "pandas": (timed("pandas", [sys.executable, str(HERE / "ref_pandas.py"), str(roster)],
                         folder / f"{label}-pandas.json", reps) if has("pandas") else Run("pandas", note="no pandas")),
        "duckdb": (timed("DuckDB SQL", [sys.executable, str(HERE / "ref_duckdb.py"), str(roster)],
                         folder / f"{label}-duckdb.json", reps) if has("duckdb") else Run("DuckDB", note="no duckdb")),
        "python": timed("Python csv+dict", [sys.executable, str(HERE / "ref_python.py"), str(roster)],
                        folder / f"{label}-python.json", reps),
    }
    reference = verdicts(runs["core"]) or verdicts(runs["fast"])
    same: list[str] = []
    for key, run in runs.items():
        found = verdicts(run)
        if found is not None and reference is not None:
            same.append(f"{key}={'same' if found == reference else 'DIFFERENT'}")
    identical = "n/a"
    if runs["core"].ok and runs["fast"].ok:
        core, fast = runs["core"].output, runs["fast"].output
        assert core is not None
        assert fast is not None
        identical = "identical" if core.read_bytes() == fast.read_bytes() else "DIFFER"
    violations = len(reference) if reference is not None else "?"
    for run in runs.values():
        lines.append(f"| {label} ({size_mib:.0f} MiB) | {run.name} | {fmt_time(run)} | "
                     f"{f'{run.cpu:.2f} s' if run.cpu is not None else '—'} | "
                     f"{f'{run.rss_mib:.0f} MiB' if run.rss_mib is not None else '—'} |")
    ratios = (f"core/pandas {fmt_ratio(runs['core'], runs['pandas'])}, fast/pandas "
              f"{fmt_ratio(runs['fast'], runs['pandas'])}, fast/DuckDB {fmt_ratio(runs['fast'], runs['duckdb'])}, "
              f"core/fast {fmt_ratio(runs['core'], runs['fast'])}")
    check_line = f"{violations} violations; core vs fast JSON: {identical}; verdicts: {', '.join(same)}"
    summary[label] = {"ratios": ratios, "check": check_line}
    print(f"{label}: {ratios}\n    {check_line}", file=sys.stderr)


def bench_rules(label: str, folder: Path, reps: int) -> list[str]:
    roster = folder / f"roster-{label}.csv"
    out = []
    for engine in ("core", "fast"):
        if engine == "fast" and not has("duckdb"):
            continue
        two = timed(f"2 rules ({engine})", [*wfrules_cmd(), "check", str(roster), "-c", str(HERE / "rules-2.yaml"),
                                            "-f", "json", "--engine", engine], folder / f"r2-{engine}.json", reps)
        twenty = timed(f"20 rules ({engine})", [*wfrules_cmd(), "check", str(roster), "-c",
                                                str(HERE / "rules-20.yaml"), "-f", "json", "--engine", engine],
                       folder / f"r20-{engine}.json", reps)
        counts = []
        for run in (two, twenty):
            data = json.loads(run.output.read_text()) if run.ok and run.output else None
            counts.append(f"{len(data['violations'])} violations" if data else run.note)
        cpu = [f", CPU {run.cpu:.2f} s" if run.cpu is not None else "" for run in (two, twenty)]
        out.append(f"| {label}, {engine} | {fmt_time(two)}{cpu[0]} ({counts[0]}) | {fmt_time(twenty)}{cpu[1]} "
                   f"({counts[1]}) | {fmt_ratio(twenty, two)} |")
        print(f"rules {engine}: 20/2 = {fmt_ratio(twenty, two)}", file=sys.stderr)
    return out


RULES_INPROCESS = """
import json, sys, time
import wfrules
roster = wfrules.load_roster(sys.argv[1])
circulars = {n: wfrules.load_circular(sys.argv[i]) for i, n in ((2, "2"), (3, "20"))}
wfrules.check(roster, [circulars["2"]])  # warm: the streamed scan's tables, the line index
out = {}
for name, circular in circulars.items():
    best = None
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        report = wfrules.check(roster, [circular])
        took = (time.perf_counter() - start, time.process_time() - cpu)
        best = took if best is None or took[0] < best[0] else best
    out[name] = {"wall": best[0], "cpu": best[1], "violations": len(report.violations),
                 "checked": report.summary["checked"]}
print(json.dumps(out))
"""


def bench_rules_inprocess(label: str, folder: Path) -> list[str]:
    """``check`` alone (no start-up, no rendering), 2 rules against 20, on a roster loaded once (core path)."""
    roster = folder / f"roster-{label}.csv"
    done = subprocess.run([sys.executable, "-c", RULES_INPROCESS, str(roster), str(HERE / "rules-2.yaml"),
                           str(HERE / "rules-20.yaml")], capture_output=True, text=True, check=True)
    r = json.loads(done.stdout)
    two, twenty = r["2"], r["20"]
    print(f"rules in-process: 20/2 = {twenty['wall'] / two['wall']:.2f}x", file=sys.stderr)
    return [f"| {label}, `check()` in-process (no start-up, no rendering) | {two['wall']:.2f} s, "
            f"CPU {two['cpu']:.2f} s "
            f"({two['violations']} violations, {two['checked']} checks) | {twenty['wall']:.2f} s, CPU "
            f"{twenty['cpu']:.2f} s ({twenty['violations']} violations, {twenty['checked']} checks) | "
            f"{twenty['wall'] / two['wall']:.2f}× (CPU {twenty['cpu'] / two['cpu']:.2f}×) |"]


def bench_startup(folder: Path) -> list[str]:
    roster = folder / "roster-50-staff.csv"
    generate(200, str(roster))  # 50 employees x 4 dates
    cli = " ".join([*wfrules_cmd(), "check", str(roster), "--circular", KALBAR])
    baseline = f"{sys.executable} -c 'import pydantic'"
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        export = folder / "startup.json"
        subprocess.run([hyperfine, "-N", "-i", "--warmup", "3", "--runs", "40", "--export-json", str(export),
                        baseline, cli], check=True, capture_output=True)
        results = json.loads(export.read_text())["results"]
        mean = [r["mean"] for r in results]
        cpu = [r["user"] + r["system"] for r in results]  # hyperfine gives their means
        how = "hyperfine, 40 runs after 3 warm-ups (mean)"
    else:
        mean, cpu = [], []
        for command in (baseline, cli):
            walls = []
            for _ in range(20):
                start = time.perf_counter()
                subprocess.run(command, shell=True, capture_output=True, check=False)
                walls.append(time.perf_counter() - start)
            mean.append(statistics.median(walls))
        how = "20 runs each (median)"
    lines = [f"| `python -c \"import pydantic\"` | {mean[0] * 1000:.0f} ms | "
             f"{f'{cpu[0] * 1000:.0f} ms' if cpu else '—'} | 1.00× |",
             f"| `wfrules check` 50 staff × 4 days | {mean[1] * 1000:.0f} ms | "
             f"{f'{cpu[1] * 1000:.0f} ms' if cpu else '—'} | {mean[1] / mean[0]:.2f}× wall"
             f"{f', {cpu[1] / cpu[0]:.2f}× CPU' if cpu else ''} |"]
    print(f"start-up: {mean[1] / mean[0]:.2f}x import pydantic ({how})", file=sys.stderr)
    return [*lines, "", f"Measured with {how}."]


SERVICE = """
import datetime as dt, json, statistics, time
t0 = time.perf_counter()
import wfrules
circular = wfrules.load_circular("kalbar-se-800-01-2024")
t1 = time.perf_counter()
days = [dt.date(2024, 4, 15) + dt.timedelta(days=i) for i in range(5)]
modes = ["WFO", "WFO", "WFH", "WFO", "DL", "WFA", "CUTI", "WFO", "WFH", "WFO"]
data = {"units": [{"id": f"u{u}", "sector": s, "tags": t} for u, (s, t) in
                  enumerate([("health", ["direct_service"]), ("government_administration", []),
                             ("education", []), ("energy", []), ("other", ["direct_service"])])],
        "employees": [{"id": f"e{i}", "unit": f"u{i % 5}"} for i in range(50)],
        "assignments": [{"employee": f"e{i}", "date": d.isoformat(), "mode": modes[(i + k) % len(modes)]}
                        for i in range(50) for k, d in enumerate(days)]}
roster = wfrules.Roster.model_validate(data)
report = wfrules.check(roster, [circular])
times, full = [], []
for _ in range(300):
    s = time.perf_counter(); wfrules.check(roster, [circular]); times.append(time.perf_counter() - s)
for _ in range(100):
    s = time.perf_counter(); wfrules.check(wfrules.Roster.model_validate(data), [circular]).to_json_dict()
    full.append(time.perf_counter() - s)
print(json.dumps({"import_and_load": t1 - t0, "check_median": statistics.median(times),
                  "check_p95": sorted(times)[int(len(times) * 0.95)], "validate_check_json": statistics.median(full),
                  "violations": len(report.violations)}))
"""


def bench_service() -> list[str]:
    done = subprocess.run([sys.executable, "-c", SERVICE], capture_output=True, text=True, check=True)
    r = json.loads(done.stdout)
    print(f"service: check {r['check_median'] * 1000:.2f} ms median", file=sys.stderr)
    return [
        "| in-process, 50 employees × 5 days (250 assignments, 5 units) | median | p95 |",
        "|---|---|---|",
        f"| `wfrules.check(roster, [circular])` ({r['violations']} violations) | {r['check_median'] * 1000:.2f} ms | "
        f"{r['check_p95'] * 1000:.2f} ms |",
        f"| `Roster.model_validate(dict)` + `check` + `to_json_dict()` | {r['validate_check_json'] * 1000:.2f} ms "
        "| — |",
        f"| once per process: `import wfrules` + `load_circular` | {r['import_and_load'] * 1000:.0f} ms | — |",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated, from: " + ", ".join(SIZES))
    parser.add_argument("--10m", dest="ten_million", action="store_true", help="add the 10M-row roster")
    parser.add_argument("--reps", type=int, default=3, help="runs per command (best kept); 1 from 1M rows")
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "wfrules-bench"),
                        help="where rosters and outputs go (rosters are reused)")
    parser.add_argument("--out", default=str(HERE / "results.md"), help="markdown results file")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: sizes, rules, startup, service")
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    skip = set(filter(None, args.skip.split(",")))
    labels = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if args.ten_million and "10M" not in labels:
        labels.append("10M")
    unknown = [s for s in labels if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; use {', '.join(SIZES)}")
    # This machine may set PYTHONDONTWRITEBYTECODE: compile wfrules once so no run pays for it.
    import wfrules

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(wfrules.__file__).parent)], check=False,
                   capture_output=True)
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"## Results ({started})", "", *machine(), ""]
    summary: dict[str, object] = {}
    if "sizes" not in skip:
        lines += ["| rows | what | wall (best) | CPU | peak memory |", "|---|---|---|---|---|"]
        for label in labels:
            bench_size(label, SIZES[label], folder, args.reps, lines, summary)
        lines.append("")
        for label, item in summary.items():
            assert isinstance(item, dict)
            lines.append(f"- **{label}**: {item['ratios']}; {item['check']}")
        lines.append("")
    if "rules" not in skip:
        small = [s for s in labels if SIZES[s] <= 1_000_000 and (folder / f"roster-{s}.csv").exists()]
        if small:
            label = max(small, key=SIZES.__getitem__)
            reps = args.reps if SIZES[label] < 1_000_000 else 1
            lines += ["| roster, engine | 2 rules | 20 rules | 20 / 2 |", "|---|---|---|---|",
                      *bench_rules(label, folder, reps), *bench_rules_inprocess(label, folder), ""]
    if "startup" not in skip:
        lines += ["| start-up | wall | CPU | ratio |", "|---|---|---|---|", *bench_startup(folder), ""]
    if "service" not in skip:
        lines += [*bench_service(), ""]
    lines.append(f"- load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
