"""What every benchmark prints besides its own figures: the machine's load average when it
starts and when it ends, so a figure taken on a busy machine shows it."""

import os

import pytest

from tests.bench.load_support import gunicorn, product_hashers  # noqa: F401 - the load benches' fixtures


def loadavg() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


@pytest.fixture(autouse=True)
def machine_load():
    print(f"\nbench_loadavg_start: {loadavg()}")
    yield
    print(f"\nbench_loadavg_end: {loadavg()}")
