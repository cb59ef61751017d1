"""Work done once per test run and shared by its pytest-xdist worker processes.

``make test`` runs the suite in several processes (docs/testing.md). An expensive result
that tests only read, such as a production ``collectstatic``, is made once by whichever
process needs it first, under a file lock; the others wait for it and reuse it. The run's
folder is removed when the run ends (conftest.py).
"""

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

# Set by the run's first process (conftest.py) and inherited by the xdist workers.
RUN_ENV = "MEDIASITE_TEST_RUN"


def run_folder() -> Path:
    """The folder this test run's processes share."""
    return (
        Path(tempfile.gettempdir()) / f"mediasite-test-run-{os.environ.get(RUN_ENV, os.getpid())}"
    )


def remove_run_folder() -> None:
    shutil.rmtree(run_folder(), ignore_errors=True)


def once_per_run(name: str, make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """``make(folder)`` once per run; every caller gets the folder and what it returned.

    ``make`` fills the empty ``folder`` and returns a JSON-serialisable summary (e.g. a
    command's exit code and output) for the callers to assert on.
    """
    folder = run_folder() / name
    folder.mkdir(parents=True, exist_ok=True)
    summary = folder.with_name(f"{name}.json")
    with folder.with_name(f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not summary.exists():
            summary.write_text(json.dumps(make(folder)))
        return folder, json.loads(summary.read_text())
