"""Time `submission-checker check` on a large generated submission.

Writes, in a temporary folder that is removed afterwards, a submission of
4 systems x 4 models x 32 points (512 points) with result summaries of about
15-20 KB each and detail logs of the chosen sizes (sparse files, never read by
the checker), compiles the package's bytecode as an installed wheel has it,
then runs the installed `submission-checker check` on it as a whole process
several times, with `-q` and with the default report of every finding, and
prints the median wall time and the peak resident memory, and the wall time
of `submission-checker --help`.

    .venv/bin/python bench/check_large.py [--runs 7] [--detail-bytes 1024 ...]

Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.submissions import build_submission

import endpoints_submission_cli
import submission_checker

SYSTEMS = ("acme-h200", "acme-mi355x", "acme-gaudi3", "acme-b200")
MODELS = ("llama3.1-8b", "gpt-oss-120b", "deepseek-r1", "qwen3-32b")
# 32 points covering the four regions of M = 1024 (the cap is 32 per curve).
# fmt: off
CONCURRENCIES = (
    1, 2, 4, 8, 12, 16, 24, 32,
    34, 36, 38, 40, 42,
    48, 56, 64, 80, 96, 112, 128,
    160, 192, 256, 320, 384, 448, 512, 640, 768, 896, 1000, 1024,
)
# fmt: on
KIB, MIB = 1024, 1024 * 1024
TARGET_WALL_S = 0.25
TARGET_RSS_MB = 60.0
TARGET_HELP_S = 0.080
# Peak RSS may differ by this much between detail-log sizes and still count as equal.
SAME_RSS_TOLERANCE_MB = 2.0


def script() -> str:
    beside = Path(sys.executable).parent / "submission-checker"
    found = str(beside) if beside.exists() else shutil.which("submission-checker")
    if found is None:
        sys.exit("error: submission-checker is not installed in this environment")
    return found


def compile_bytecode() -> None:
    """Compile the package's modules, as installing a wheel does.

    An editable install compiles on first import, and not at all when
    PYTHONDONTWRITEBYTECODE is set (as on some CI machines): every run would
    then compile the sources again, which is not what an installed tool does.
    """
    for package in (endpoints_submission_cli, submission_checker):
        compileall.compile_dir(Path(package.__file__).parent, quiet=1)


def measure(argv: list[str]) -> tuple[float, float, int]:
    """Run argv once; return wall seconds, peak RSS in MB and the exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # wait4 gives the resource usage of this child alone.
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, process.returncode


def repeat(argv: list[str], runs: int) -> tuple[list[float], float, int]:
    """Run argv once to warm the caches, then `runs` times."""
    measure(argv)
    results = [measure(argv) for _ in range(runs)]
    return [r[0] for r in results], max(r[1] for r in results), results[-1][2]


# Run in a fresh interpreter: where the time of one check goes, phase by phase.
PHASES = """
import json, sys, time
marks = [("start", time.perf_counter())]
from endpoints_submission_cli.entrypoints.container import Container
marks.append(("import the container", time.perf_counter()))
container = Container()
use_case, ruleset = container.check_submission(), container.seed_ruleset()
from endpoints_submission_cli.adapters.reports.text_report import render_text_report
marks.append(("import the check's modules", time.perf_counter()))
folder = container.submission_source().load(sys.argv[1])
marks.append(("read and parse the files", time.perf_counter()))
findings = ruleset.evaluate(folder)
marks.append(("apply the rules", time.perf_counter()))
report = use_case.run(sys.argv[1])
marks.append(("(read and check again, for the report)", time.perf_counter()))
render_text_report(report, ruleset.metadata, quiet=False, strict=False, color=False)
marks.append(("render the full terminal report", time.perf_counter()))
print(json.dumps([(n, b - a) for (_, a), (n, b) in zip(marks, marks[1:])]))
"""


def phases(root: Path) -> list[tuple[str, float]]:
    """Return the seconds each phase of one check takes, in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", PHASES, str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def set_detail_size(root: Path, size: int) -> None:
    for detail in root.rglob("mlperf_endpoints_log_detail.json"):
        with detail.open("r+b") as stream:
            stream.truncate(size)


def human(size: int) -> str:
    return f"{size // MIB} MB" if size >= MIB else f"{size // KIB} KB"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    parser.add_argument(
        "--detail-bytes",
        type=int,
        action="append",
        help="size of every detail log; repeat for several (default 1 KB and 50 MB)",
    )
    args = parser.parse_args()
    sizes = args.detail_bytes or [KIB, 50 * MIB]
    command = script()
    compile_bytecode()
    missed = False
    peaks: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="check-large-") as folder:
        root = Path(folder) / "submission"
        started = time.perf_counter()
        build_submission(
            root,
            systems=SYSTEMS,
            models=MODELS,
            concurrencies=CONCURRENCIES,
            histograms=True,
        )
        built = time.perf_counter() - started
        points = len(list(root.rglob("point_*.yaml")))
        summary = next(root.rglob("mlperf_endpoints_log_summary.json"))
        print(
            f"Generated {points} points in {built:.1f} s;"
            f" a summary is {summary.stat().st_size / KIB:.1f} KB."
        )
        for size in sizes:
            set_detail_size(root, size)
            # Quiet prints the 12 warnings; the default prints all 5300 findings.
            for flags in (["-q"], []):
                argv = [command, "check", *flags, str(root)]
                walls, peak, code = repeat(argv, args.runs)
                median = statistics.median(walls)
                peaks.setdefault(" ".join(flags), []).append(peak)
                ok = median <= TARGET_WALL_S and peak <= TARGET_RSS_MB
                missed |= not ok
                print(
                    f"{' '.join(['check', *flags]):<8} detail logs {human(size)}:"
                    f" median {median:.3f} s (min {min(walls):.3f},"
                    f" max {max(walls):.3f}, {args.runs} runs),"
                    f" peak RSS {peak:.1f} MB, exit code {code} — {verdict(ok)}"
                )
        startup, _, _ = repeat([sys.executable, "-c", "pass"], args.runs)
        print(
            f"interpreter start-up alone: median"
            f" {statistics.median(startup) * 1000:.0f} ms; one check, phase by phase:"
        )
        for name, seconds in phases(root):
            print(f"  {name:<40} {seconds * 1000:6.0f} ms")
    for flags, sizes_peaks in peaks.items():
        same = max(sizes_peaks) - min(sizes_peaks) <= SAME_RSS_TOLERANCE_MB
        missed |= not same
        print(
            f"peak RSS of {' '.join(['check', flags]).strip()} across detail-log"
            f" sizes: {min(sizes_peaks):.1f}–{max(sizes_peaks):.1f} MB"
            f" — {verdict(same)}"
        )
    walls, peak, _ = repeat([command, "--help"], args.runs)
    help_median = statistics.median(walls)
    missed |= help_median > TARGET_HELP_S
    print(
        f"--help: median {help_median * 1000:.0f} ms, peak RSS {peak:.1f} MB"
        f" — {verdict(help_median <= TARGET_HELP_S)}"
    )
    print(
        f"Targets: check ≤ {TARGET_WALL_S} s and ≤ {TARGET_RSS_MB:.0f} MB peak RSS"
        " on 512 points, the same RSS for every detail-log size,"
        f" --help ≤ {TARGET_HELP_S * 1000:.0f} ms."
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
