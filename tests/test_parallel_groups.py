"""`make test` spreads the suite over pytest-xdist workers with `--dist loadgroup`, and counts on
the tests of one `xdist_group` running on one worker: the browser tests share a chromium and a
live server per group, the quick-start tests one migrated SQLite database, a module that loads
the demo fixtures loads them once (tests/conftest.py). pytest 9.2.0 keeps a test's id where
pytest-xdist 3.8.0 can no longer add the group to it, and the groups were then dropped without a
word: each worker built the same world again (pytest-xdist issue 1386). pyproject.toml pins a
pytest whose tests of a group share a worker; this runs a small suite the way `make test` does
and fails if they do not."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

GROUPED = 6
FREE = 6

SUITE = textwrap.dedent(
    """
    import os
    import time
    from pathlib import Path

    import pytest

    def record(name):
        time.sleep(0.05)  # both workers stay busy while the tests are handed out
        Path(os.environ["GROUPS_RECORD"], name).write_text(os.environ["PYTEST_XDIST_WORKER"])

    @pytest.mark.xdist_group("together")
    @pytest.mark.parametrize("n", range({grouped}))
    def test_grouped(n):
        record(f"grouped-{{n}}")

    @pytest.mark.parametrize("n", range({free}))
    def test_free(n):
        record(f"free-{{n}}")
    """
)


@pytest.mark.process
def test_tests_of_one_xdist_group_run_on_one_worker(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "pytest.ini").write_text("[pytest]\n")
    (suite / "test_groups.py").write_text(SUITE.format(grouped=GROUPED, free=FREE))
    record = tmp_path / "record"
    record.mkdir()
    # The run is not this test's own: no settings, options or worker name of this process.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_"))}
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:django"),
            *("-n", "2", "--dist", "loadgroup", "-q", "test_groups.py"),
        ],
        cwd=suite,
        env={**env, "GROUPS_RECORD": str(record)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ran_on = {path.name: path.read_text() for path in Path(record).iterdir()}
    assert len(ran_on) == GROUPED + FREE
    grouped = {ran_on[f"grouped-{n}"] for n in range(GROUPED)}
    assert len(grouped) == 1, f"the tests of one xdist_group ran on workers {sorted(grouped)}"
    assert set(ran_on.values()) == {"gw0", "gw1"}  # the free tests were spread
