"""The benchmark cannot rot: `benchmarks/bench.py --quick` runs, and its table has every row with
values that parse. No timing is asserted here (a shared machine is too noisy for that); the
numbers are for people, in docs/benchmarks.md."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench.py"

ROWS = [
    "a",
    "a.typst",
    "b",
    "c.weasyprint",
    "c.typst",
    "d.cold",
    "d.first",
    "d.floor",
    "d.import",
    "e.jobs1",
    "e.jobs2",
    "e.noop",
    "e.linear",
    "g.make",
    "h.watch",
    "f.single",
    "f.worker",
]
MEASURED = [
    "a",
    "a.typst",
    "b",
    "d.cold",
    "d.first",
    "d.floor",
    "d.import",
    "e.noop",
    "g.make",
    "h.watch",
    "f.single",
    "f.worker",
]  # always numbers, even in --quick
NOT_MEASURED = ("not installed", "not available", "skipped (--quick)")
VALUE = re.compile(r"^\d+(\.\d+)? (ms|s|MB)$")
RATIO = re.compile(r"^(—|n/a.*|max \d+ MB|\d+\.\d+ \(.+\))$")


def table(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 7 and cells[0] not in ("row", "---"):
            rows[cells[0]] = cells
    return rows


def test_quick_benchmark_prints_every_row(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(tmp_path / "bench.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = table(result.stdout)
    assert [r for r in ROWS if r not in rows] == [], result.stdout
    for rid, (_, what, median, runs, ratio, target, met) in rows.items():
        assert what, rid
        if median in NOT_MEASURED:
            assert rid not in MEASURED, f"{rid}: {median}"
            continue
        assert VALUE.match(median), f"{rid}: median {median!r}"
        assert int(runs) >= 1, f"{rid}: runs {runs!r}"
        assert RATIO.match(ratio), f"{rid}: ratio {ratio!r}"
        assert met in ("yes", "**no**", "—"), f"{rid}: met? {met!r}"
        assert target == "—" or target.startswith(("≤", "<")), f"{rid}: target {target!r}"
    assert (tmp_path / "bench.json").stat().st_size > 0
    assert "Machine:" in result.stdout


def test_the_stage_timer_runs_and_prints_every_stage():
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "stages.py"), "--builds", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = dict(re.findall(r"(\w+) (\d+\.\d)", out))
    assert list(found) == ["load", "translation", "compose", "markup", "keep", "write", "total"]
    assert float(found["write"]) > 0 and float(found["total"]) >= float(found["write"])
