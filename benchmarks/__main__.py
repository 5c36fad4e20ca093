"""``python -m benchmarks [--quick] [--rounds N] [--json PATH]``: dify_oapi against hand-written raw httpx.

Every case first runs once per side and checks what came back (answer text, event counts, reply
ids); nothing is timed unless every check passed. Then ``--rounds`` rounds run the timed cases,
ours and the floor back to back, alternating which goes first (the short cases in several blocks
that alternate too), and the table shows the medians over rounds. ``--quick`` uses small sizes and
one round: it checks correctness and makes no claim about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from importlib.metadata import version
from typing import Any

from benchmarks import cases, probes
from benchmarks.payload import StreamBody
from benchmarks.server import running
from dify_oapi._version import __version__ as dify_oapi_version

MIB = 1024 * 1024
SIDES = ("ours", "floor")


@dataclass(frozen=True)
class Sizes:
    stream: int  # message events in the stream and astream cases (both read shapes) ...
    stream_blocks: int  # ... streamed this many times per side and round, alternating sides
    calls: int  # blocking get_conversations calls per side and round ...
    call_blocks: int  # ... made in this many blocks per side and round, alternating sides
    imports: int  # fresh interpreters per round
    memory: int  # message events streamed while peak memory is watched
    warm: int  # ... after this many, streamed first so the baseline includes every lazy setup
    streams: int  # concurrent streams ...
    stream_events: int  # ... of this many message events each
    rounds: int


FULL = Sizes(
    stream=20_000,
    stream_blocks=3,
    calls=2_000,
    call_blocks=20,
    imports=3,
    memory=200_000,
    warm=1_000,
    streams=1_000,
    stream_events=250,
    rounds=5,
)
QUICK = Sizes(
    stream=300,
    stream_blocks=1,
    calls=20,
    call_blocks=2,
    imports=1,
    memory=2_000,
    warm=100,
    streams=10,
    stream_events=50,
    rounds=1,
)


@dataclass
class Case:
    """One timed case: how to run each side, and how to check what a run returned."""

    name: str
    run: dict[str, Callable[[], Any]]
    check: Callable[[Any], None]
    blocks: int = 1  # timed runs per side and round, alternating sides, summed
    times: dict[str, list[float]] = field(default_factory=lambda: {side: [] for side in SIDES})

    def median(self, side: str) -> float:
        return statistics.median(self.times[side])

    def checked(self, side: str) -> None:
        self.check(self.run[side]())

    def timed(self, order: tuple[str, ...]) -> None:
        """One round. A case in blocks alternates sides block by block, so that a burst of work
        from another process on the machine falls on both sides alike."""
        spent = dict.fromkeys(SIDES, 0.0)
        for block in range(self.blocks):
            for side in order if block % 2 == 0 else order[::-1]:
                gc.collect()
                start = time.perf_counter()
                result = self.run[side]()
                spent[side] += time.perf_counter() - start
                self.check(result)  # timed runs are checked too, after the clock stopped
        for side in SIDES:
            self.times[side].append(spent[side])


class Bench:
    """Both sides' clients (reused across rounds, as an application would) and the timed cases."""

    def __init__(self, url: str, sizes: Sizes) -> None:
        self.url, self.sizes = url, sizes
        self.client, self.opt = cases.ours_client(url), cases.option()
        self.http, self.ahttp = cases.floor_client(url), cases.floor_async_client(url)
        self.loop = asyncio.new_event_loop()  # one loop for every async run: pools stay valid
        self.stream = StreamBody(sizes.stream).expected
        self.growth: dict[str, float] = {}  # MiB, filled by the memory check

    def close(self) -> None:
        self.client.close()
        self.http.close()
        self.loop.run_until_complete(self.client.aclose())
        self.loop.run_until_complete(self.ahttp.aclose())
        self.loop.close()

    def _streams(self, packed: bool) -> list[Case]:
        """The sync and async stream cases for one read shape."""
        s, opt, client, wait = self.sizes, self.opt, self.client, self.loop.run_until_complete
        suffix, answer = "-16k" if packed else "", self.stream.answer()
        return [
            Case(
                "stream" + suffix,
                {
                    "ours": lambda: cases.ours_stream(client, opt, s.stream, packed=packed),
                    "floor": lambda: cases.floor_stream(self.http, s.stream, packed=packed),
                },
                lambda tally: tally.check(self.stream, answer),
                blocks=s.stream_blocks,
            ),
            Case(
                "astream" + suffix,
                {
                    "ours": lambda: wait(cases.ours_astream(client, opt, s.stream, packed)),
                    "floor": lambda: wait(cases.floor_astream(self.ahttp, s.stream, packed)),
                },
                lambda tally: tally.check(self.stream, answer),
                blocks=s.stream_blocks,
            ),
        ]

    def cases(self) -> list[Case]:
        s, url, opt, client, wait = self.sizes, self.url, self.opt, self.client, self.loop.run_until_complete
        each = StreamBody(s.stream_events).expected
        return [
            *self._streams(packed=False),
            *self._streams(packed=True),
            Case(
                "call",
                {
                    "ours": lambda: cases.ours_calls(client, opt, s.calls // s.call_blocks),
                    "floor": lambda: cases.floor_calls(self.http, s.calls // s.call_blocks),
                },
                lambda right: cases.check_calls(right, s.calls // s.call_blocks),
                blocks=s.call_blocks,
            ),
            Case(
                "concurrency",
                {
                    "ours": lambda: wait(cases.ours_concurrent(url, opt, s.streams, s.stream_events)),
                    "floor": lambda: wait(cases.floor_concurrent(url, s.streams, s.stream_events)),
                },
                lambda results: cases.check_concurrent(results, each),
            ),
        ]


def _verdict(check: Callable[[], object]) -> str:
    try:
        check()
    except Exception as exc:
        return f"FAILED: {exc!r}"
    return "ok"


def _check_all(bench: Bench, timed: list[Case]) -> dict[str, str]:
    """Run every case once per side and check it; this also warms connections and validators."""
    checks = {
        f"{case.name}/{side}": _verdict(partial(case.checked, side)) for case in timed for side in SIDES
    }
    checks["import/ours"] = _verdict(probes.import_times)
    memory = StreamBody(bench.sizes.memory).expected
    want = {"messages": memory.messages, "chars": len(memory.answer()), "others": len(memory.others)}
    for side in SIDES:
        checks[f"memory/{side}"] = _verdict(partial(_check_memory, bench, side, want))
    return checks


def _check_memory(bench: Bench, side: str, want: dict[str, int]) -> None:
    got = probes.memory_growth(bench.url, side, bench.sizes.memory, bench.sizes.warm)
    bench.growth[side] = got.pop("growth") / MIB
    if got != want:
        raise cases.CheckFailed(f"streamed {got}, expected {want}")


def _rounds(timed: list[Case], sizes: Sizes, rounds: int) -> list[tuple[float, float, float]]:
    """Every round runs every case on both sides, alternating which side goes first."""
    imports: list[tuple[float, float, float]] = []
    for number in range(rounds):
        order = SIDES if number % 2 == 0 else SIDES[::-1]
        for case in timed:
            case.timed(order)
        imports += [probes.import_times() for _ in range(sizes.imports)]
        times = "  ".join(f"{c.name} {c.times['ours'][-1]:.3f}/{c.times['floor'][-1]:.3f}s" for c in timed)
        print(f"round {number + 1}/{rounds} (ours/floor): {times}", file=sys.stderr, flush=True)
    return imports


@dataclass
class Row:
    case: str
    ours: str
    floor: str
    ratio: str
    target: str
    met: bool | None  # None in quick mode: no claim about speed


def _rows(
    bench: Bench, timed: dict[str, Case], imports: list[tuple[float, float, float]], quick: bool
) -> list[Row]:
    def judged(ok: bool) -> bool | None:
        return None if quick else ok

    def row(name: str, show: Callable[[float], str], limit: float) -> Row:
        # A speed against the floor's: the floor's time over ours, so higher is better everywhere.
        ours, floor = timed[name].median("ours"), timed[name].median("floor")
        ratio = floor / ours
        return Row(name, show(ours), show(floor), f"{ratio:.2f}x", f">= {limit:.2f}x", judged(ratio >= limit))

    frames, calls = bench.stream.frames * bench.sizes.stream_blocks, bench.sizes.calls
    libraries, added, rest = (statistics.median(sample[i] for sample in imports) * 1000 for i in range(3))
    ours_mib, floor_mib = bench.growth["ours"], bench.growth["floor"]
    return [
        *(
            row(name, lambda t: f"{frames / t:,.0f} events/s", 1.0)
            for name in ("stream", "astream", "stream-16k", "astream-16k")
        ),
        row("call", lambda t: f"{t / calls * 1e6:.0f} us/call", 0.95),
        row("concurrency", lambda t: f"{t:.2f} s", 1.0),
        Row(
            "import",
            f"{added:.1f} ms",
            f"httpx+pydantic {libraries:.0f} ms",
            "",
            "<= 30 ms",
            judged(added <= 30),
        ),
        Row("+ all APIs", f"{rest:.1f} ms", "(for information)", "", "", None),
        Row("memory", f"{ours_mib:+.1f} MiB", f"{floor_mib:+.1f} MiB", "", "< 10 MiB", judged(ours_mib < 10)),
    ]


def _table(rows: list[Row]) -> str:
    header = ("case", "ours (dify_oapi)", "floor (raw httpx)", "ratio", "target", "")
    cells = [header] + [
        (r.case, r.ours, r.floor, r.ratio, r.target, {None: "", True: "met", False: "MISSED"}[r.met])
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()

    return "\n".join([line(cells[0]), line(tuple("-" * w for w in widths)), *map(line, cells[1:])])


def _summary(rows: list[Row], quick: bool) -> str:
    parts = " · ".join(f"{r.case} {r.ratio or r.ours}" for r in rows if r.target)
    if quick:
        return f"summary: {parts} · quick mode: correctness only, sizes too small to time"
    missed = [r.case for r in rows if r.met is False]
    return f"summary: {parts} · " + (f"targets missed: {', '.join(missed)}" if missed else "all targets met")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, one round, correctness only")
    parser.add_argument("--rounds", type=int, help="timed rounds (default 5; quick: 1)")
    parser.add_argument("--json", metavar="PATH", help="also write the checks and results as JSON")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    rounds = args.rounds or sizes.rounds
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"dify_oapi {dify_oapi_version} · httpx {version('httpx')} · pydantic {version('pydantic')}"
        f" · Python {platform.python_version()} · {platform.machine()} · {cores} cores",
        flush=True,
    )
    report: dict[str, Any] = {"quick": args.quick, "rounds": rounds, "sizes": asdict(sizes)}
    with running([sizes.stream, sizes.memory, sizes.warm, sizes.stream_events], [sizes.stream]) as url:
        bench = Bench(url, sizes)
        try:
            timed = bench.cases()
            report["checks"] = checks = _check_all(bench, timed)
            for name, verdict in checks.items():
                print(f"check {name}: {verdict}", flush=True)
            if any(verdict != "ok" for verdict in checks.values()):
                _write(args.json, report)
                return 1
            imports = _rounds(timed, sizes, rounds)
        finally:
            bench.close()
    rows = _rows(bench, {case.name: case for case in timed}, imports, args.quick)
    report["results"] = [asdict(row) for row in rows]
    report["times"] = {case.name: case.times for case in timed}
    _write(args.json, report)
    print()
    print(_table(rows))
    print(_summary(rows, args.quick))
    return 0


def _write(path: str | None, report: dict[str, Any]) -> None:
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=2)


if __name__ == "__main__":
    raise SystemExit(main())
