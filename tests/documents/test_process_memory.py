"""Freed memory given back to the system between two pieces of a worker's work."""

import ctypes.util
from pathlib import Path

import pytest

from documents import process_memory

GLIBC = ctypes.util.find_library("c") == "libc.so.6"


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_release_free_memory_returns_freed_pages_to_the_system():
    # 60 MB in blocks of 1 KB, one in 64 kept: the heap cannot shrink from its top, so the
    # allocator keeps the freed pages resident until they are trimmed.
    blocks = [bytes(1000) + bytes([n % 256]) for n in range(60_000)]
    kept = blocks[::64]
    del blocks
    before = resident_mb()
    assert process_memory.release_free_memory() is True
    released = before - resident_mb()
    assert len(kept) == 938
    assert released > 30, f"{released:.1f} MB released"


def test_release_free_memory_does_nothing_without_malloc_trim(monkeypatch):
    monkeypatch.setattr(process_memory, "_malloc_trim", lambda: None)
    assert process_memory.release_free_memory() is False
