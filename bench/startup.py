"""Start-up cost of the CLI, as a ratio to ``python -c "import pydantic"`` (issue 9, "Speed and scale").

Runs each command many times, interleaved (so a burst of load on a shared machine hits every command alike),
and prints the median wall time and the median CPU time (user + system of the child) of each, and their
ratios to the baseline. The issue's target: a ~50-staff roster checked from the CLI in at most 2.5x the time
of importing pydantic (the roster of ``bench/run.py``: 50 staff x 4 days, generated here the same way).

Two floors are timed beside it: defining one pydantic model (with ``defer_build``, as wfrules' models are;
it imports what any model with fields needs), and defining and validating one (which also builds a
validator and loads pydantic's plugin look-up). No program that defines pydantic models can start faster
than the first.

    python bench/startup.py                 # 25 rounds
    python bench/startup.py --rounds 50 --json
    python bench/startup.py --against /path/to/other/checkout --against-python /path/to/its/venv/bin/python

``--against`` times every ``wfrules`` command a second time with another checkout (run from its folder, with
its interpreter: a virtual environment where it is installed, editable), interleaved with the others, so a
change is measured before and after in the same run; those rows are named ``<name> [against]``.

Byte-code is written once before timing (a warm-up run of each command with ``PYTHONDONTWRITEBYTECODE``
unset), as after ``pip install``; without cached byte-code every run would also compile wfrules' sources.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KALBAR = ROOT / "examples" / "kalbar-2024"

ONE_MODEL = ("from pydantic import BaseModel, ConfigDict\n"
             "class A(BaseModel):\n"
             "    model_config = ConfigDict(defer_build=True)\n"
             "    x: int = 0\n")
#: The 50-staff roster of bench/run.py (written in main()).
ROSTER_50 = Path(tempfile.gettempdir()) / "wfrules-startup" / "roster-50-staff.csv"

#: name -> arguments after the interpreter. The first is the baseline.
COMMANDS: dict[str, list[str]] = {
    "import pydantic": ["-c", "import pydantic"],
    "python -c pass": ["-c", "pass"],
    "one pydantic model": ["-c", ONE_MODEL],
    "one model, validated": ["-c", ONE_MODEL + "A.model_validate({'x': 1})\n"],
    "check csv, 50 staff x 4 days": ["-m", "wfrules", "check", str(ROSTER_50), "--circular", "kalbar-se-800-01-2024"],
    "import wfrules": ["-c", "import wfrules"],
    "check json (71 staff)": ["-m", "wfrules", "check", str(KALBAR / "roster-violating.json"),
                              "--circular", "kalbar-se-800-01-2024"],
    "check csv (71 staff)": ["-m", "wfrules", "check", str(KALBAR / "roster-violating.csv"),
                             "--circular", "kalbar-se-800-01-2024"],
    "check json, 2 circulars": ["-m", "wfrules", "check", str(KALBAR / "roster-violating.json"),
                                "--circular", "kalbar-se-800-01-2024", "--circular", "menpanrb-se-01-2024"],
    "check json --format json": ["-m", "wfrules", "check", str(KALBAR / "roster-violating.json"),
                                 "--circular", "kalbar-se-800-01-2024", "--format", "json"],
    "check csv --format json": ["-m", "wfrules", "check", str(ROSTER_50), "--circular", "kalbar-se-800-01-2024",
                                "--format", "json"],
    "catalog": ["-m", "wfrules", "catalog"],
}


def _run(args: list[str], env: dict[str, str], python: str = sys.executable, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``python args`` in ``cwd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([python, *args], env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=25, help="runs of each command (default 25)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", metavar="TEXT", help="time only the commands whose name contains TEXT "
                                                       "(and the baseline)")
    parser.add_argument("--against", metavar="DIR", type=Path,
                        help="also time each wfrules command with the checkout in DIR (see above)")
    parser.add_argument("--against-python", metavar="PYTHON", default=sys.executable,
                        help="the interpreter for --against (default: this one)")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_roster import generate

    ROSTER_50.parent.mkdir(exist_ok=True)
    generate(200, str(ROSTER_50))  # 50 employees x 4 dates, as bench/run.py times it
    baseline = next(iter(COMMANDS))
    #: name -> (interpreter, folder, arguments)
    commands = {name: (sys.executable, ROOT, args) for name, args in COMMANDS.items()
                if name == baseline or options.only is None or options.only in name}
    if options.against is not None:
        for name, (_, _, args) in list(commands.items()):
            if "wfrules" in args[:2] or "import wfrules" in args[-1]:
                commands[f"{name} [against]"] = (options.against_python, options.against.resolve(), args)

    env = dict(os.environ)
    warm = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for python, cwd, args in commands.values():
        _run(args, warm, python, cwd)  # writes the byte-code caches, like an install does

    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.rounds):
        for name, (python, cwd, args) in commands.items():
            wall, cpu = _run(args, env, python, cwd)
            walls[name].append(wall)
            cpus[name].append(cpu)

    base_wall = statistics.median(walls[baseline])
    base_cpu = statistics.median(cpus[baseline])
    rows = [
        {
            "command": name,
            "wall_ms": round(statistics.median(walls[name]) * 1000, 1),
            "cpu_ms": round(statistics.median(cpus[name]) * 1000, 1),
            "wall_ratio": round(statistics.median(walls[name]) / base_wall, 2),
            "cpu_ratio": round(statistics.median(cpus[name]) / base_cpu, 2),
        }
        for name in commands
    ]
    load = os.getloadavg()
    if options.json:
        print(json.dumps({"rounds": options.rounds, "loadavg": load, "python": sys.version.split()[0],
                          "results": rows}, indent=2))
        return
    print(f"{options.rounds} interleaved runs of each; medians; load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f}; Python {sys.version.split()[0]}")
    print(f"{'command':38} {'wall ms':>9} {'cpu ms':>9} {'wall x':>7} {'cpu x':>7}")
    for row in rows:
        print(f"{row['command']:38} {row['wall_ms']:9.1f} {row['cpu_ms']:9.1f} {row['wall_ratio']:7.2f} "
              f"{row['cpu_ratio']:7.2f}")


if __name__ == "__main__":
    main()
