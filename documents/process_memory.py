"""Giving a worker process's freed memory back to the system between two pieces of work.

Drawing a hundred certificates allocates many buffers (ReportLab's pages, pikepdf's objects,
the rows read), and freeing them returns the memory to glibc's allocator, not to the system:
the pool process keeps that resident size while it waits for the next piece of work, beside
its sibling and the worker's parent. `malloc_trim` hands the free pages back. Where the C
library is not glibc (musl, macOS) there is nothing to call and nothing is done.
"""

import ctypes
import ctypes.util
import functools
import logging

logger = logging.getLogger(__name__)


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        logger.debug("no malloc_trim in %s: freed memory stays with the allocator", name)
        return None


def release_free_memory() -> bool:
    """Return the allocator's free pages to the system; False where this cannot be done."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
