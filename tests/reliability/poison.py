"""A document kind that kills the process rendering it: the poison message of the fault tests.

Loaded only into the test worker (`celery worker --include tests.reliability.poison`)."""

import os
import signal

from documents.registry import register

POISON_KIND = "reliability_poison"


@register(POISON_KIND, label="Tài liệu hỏng (kiểm thử)")
def build_poison(job, progress):
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable: the process is dead")
