"""The example scripts and a way to run them as a user would: ``python examples/chatflow/<resource>/<api>.py``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parents[2] / "examples"
# chatflow/connection.py beside them is their shared start, not an example.
SCRIPTS = sorted(str(path.relative_to(EXAMPLES)) for path in EXAMPLES.glob("chatflow/*/*.py"))


def example_env(**settings: str | None) -> dict[str, str]:
    """This process's environment with DOMAIN and CHATFLOW_KEY replaced; ``None`` leaves one unset."""
    env = {name: value for name, value in os.environ.items() if name not in ("DOMAIN", "CHATFLOW_KEY")}
    env.update({name: value for name, value in settings.items() if value is not None})
    return env


def start_example(script: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(EXAMPLES / script)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_example(running: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    with running:
        out, err = running.communicate(timeout=90)
    return subprocess.CompletedProcess(running.args, running.returncode, out, err)


def run_example(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return finish_example(start_example(script, env))


def run_examples_at_once(env: dict[str, str]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every script side by side: for runs that mostly wait (retries, refused connections)."""
    started = {script: start_example(script, env) for script in SCRIPTS}
    return {script: finish_example(running) for script, running in started.items()}


def one_line_failure(done: subprocess.CompletedProcess[str]) -> bool:
    """Exited non-zero with a single line on stderr and no traceback: what every failure should look like."""
    return done.returncode != 0 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
