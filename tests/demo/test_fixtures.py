"""Every committed fixtures/demo*.json equals what its builder writes today: the fixtures are
rebuilt by `manage.py build_demo_fixtures` on an empty database of their own (a process with
its own VAR_DIR and SQLite file, as the README says to run it) and compared byte for byte.
The empty database is a copy of the session's migrated quick-start database
(`quick_start_database`, tests/conftest.py): `migrate` runs once for every such test.
The demo's clock and seeded codes (demo/clock.py) make the build the same on every run."""

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

from demo.fixtures import FIXTURES_DIR
from demo.management.commands.build_demo_fixtures import PARTS
from tests.processes import QUICK_START_GROUP

pytestmark = [pytest.mark.process, pytest.mark.xdist_group(QUICK_START_GROUP)]


def test_committed_fixtures_equal_their_builders(tmp_path, quick_start_database):
    var = tmp_path / "var"
    env = {
        **os.environ,
        "VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("REDIS_URL", None)
    var.mkdir()
    shutil.copyfile(quick_start_database, var / "db.sqlite3")
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    output = tmp_path / "fixtures"
    # A fixed argument list of this test, run with this interpreter.
    done = subprocess.run(
        [*manage, "build_demo_fixtures", f"--output-dir={output}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    stale = [
        name
        for name, _command, _option in PARTS
        if (output / f"{name}.json").read_bytes() != (FIXTURES_DIR / f"{name}.json").read_bytes()
    ]
    assert stale == [], "run manage.py build_demo_fixtures (README: Regenerating)"
