"""The suite's tuning of Python's cycle collector (tests/conftest.py): once the tests are
collected, what is alive is frozen out of the collector's scans and young objects are collected
less often, in each xdist worker as in a run without workers."""

import gc

from tests.conftest import GC_THRESHOLDS


def test_what_collection_left_alive_is_frozen_and_the_thresholds_are_the_suite_s():
    assert gc.get_threshold() == GC_THRESHOLDS
    # Django, the libraries and the collected tests: hundreds of thousands of objects.
    assert gc.get_freeze_count() > 100_000
