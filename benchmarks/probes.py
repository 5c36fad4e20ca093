"""Measurements that need a fresh interpreter: import time and peak memory while streaming.

``python -m benchmarks.probes memory <url> <side> <messages> <warm-up messages>`` prints one JSON line.
The import probe is a ``-c`` script, so nothing is imported before its clock starts.
"""

from __future__ import annotations

import gc
import json
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# httpx and pydantic (with the names dify_oapi takes from it) first, then dify_oapi: the second
# figure is what our package adds on top of the libraries any client would load. The third is what
# the rest of the surface adds (every API's models and resources), for a program that uses it all.
IMPORT_SCRIPT = """
import time
t0 = time.perf_counter()
import httpx, pydantic
from pydantic import BaseModel, ConfigDict, Field, SecretStr, TypeAdapter, ValidationError
t1 = time.perf_counter()
import dify_oapi
t2 = time.perf_counter()
import dify_oapi.api.chatflow.v1.model
from dify_oapi.api.chatflow.v1 import AnnotationResource, Chatflow, ConversationResource
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def import_times() -> tuple[float, float, float]:
    """Seconds for httpx + pydantic, then what ``import dify_oapi`` adds, then every API's modules."""
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_SCRIPT], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def memory_growth(url: str, side: str, messages: int, warm: int) -> dict[str, int]:
    """Run the memory probe in a child process and return what it printed."""
    command = [sys.executable, "-m", "benchmarks.probes", "memory", url, side, str(messages), str(warm)]
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    result: dict[str, int] = json.loads(out)
    return result


def _rss(field: str) -> int:
    """``VmRSS`` / ``VmHWM`` of this process in bytes (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def _reset_peak() -> bool:
    """Reset ``VmHWM`` to the current RSS, so the peak measured is the stream's own."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _memory(url: str, side: str, messages: int, warm: int) -> dict[str, int]:
    from benchmarks import cases  # imported here: the import probe above must not pay for it

    client, http, opt = cases.ours_client(url), cases.floor_client(url), cases.option()

    def stream(count: int) -> cases.Tally:
        if side == "ours":
            return cases.ours_stream(client, opt, count, keep_text=False)
        return cases.floor_stream(http, count, keep_text=False)

    stream(warm)  # first use: connection, lazily built validators, allocator pools
    gc.collect()
    if _reset_peak():
        before = _rss("VmRSS")
        tally = stream(messages)
        peak = _rss("VmHWM")
    else:  # no /proc: the peak since start, before and after (ru_maxrss is KiB on Linux)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        tally = stream(messages)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "growth": peak - before,
        "messages": tally.messages,
        "chars": tally.chars,
        "others": len(tally.others),
    }


def main() -> None:
    kind, url, side, messages, warm = sys.argv[1:]
    if kind != "memory" or side not in ("ours", "floor"):
        raise SystemExit("usage: python -m benchmarks.probes memory URL ours|floor MESSAGES WARM")
    print(json.dumps(_memory(url, side, int(messages), int(warm))))


if __name__ == "__main__":
    main()
