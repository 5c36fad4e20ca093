"""The benchmark runner in quick mode: small sizes, every correctness check, no claim about speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STREAMS = ("stream", "astream", "stream-16k", "astream-16k")
CASES = (*STREAMS, "call", "concurrency", "memory")


def test_quick_mode_checks_every_case_on_both_sides(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(report_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(report_path.read_text())
    expected = {f"{case}/{side}" for case in CASES for side in ("ours", "floor")} | {"import/ours"}
    assert report["checks"] == dict.fromkeys(expected, "ok")
    assert [row["case"] for row in report["results"]] == [
        *STREAMS,
        "call",
        "concurrency",
        "import",
        "+ all APIs",
        "memory",
    ]
    assert all(row["met"] is None for row in report["results"])  # quick mode claims nothing about speed
    lines = run.stdout.strip().splitlines()
    assert lines[-1].startswith("summary: ") and "quick mode" in lines[-1]
