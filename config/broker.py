"""The embedded broker of the quick start (`make run` without Redis): kombu's filesystem
transport, whose queues are folders under VAR_DIR that the worker polls.

Celery runs such a transport in its blocking loop (`celery.worker.loops.synloop`), which asks
for messages with a 2-second timeout and, once the worker is told to stop, asks once more:
every stop of the quick start's worker (Ctrl-C on `make run`) waited 2 to 4 s on empty folders.
Here a poll gives up as soon as the worker is told to stop, and the folders are polled every
quarter of a second (every second by default), so a job starts within that of its request.
"""

from queue import Empty
from time import monotonic, sleep

from celery.worker import state
from kombu.transport import filesystem

POLLING_SECONDS = 0.25


def told_to_stop() -> bool:
    """Whether this worker has been told to stop, warm or cold (`celery.worker.state`, whose
    exit codes include 0)."""
    return any(
        flag is not None and flag is not False
        for flag in (state.should_stop, state.should_terminate)
    )


class Transport(filesystem.Transport):
    polling_interval = POLLING_SECONDS

    def drain_events(self, connection, timeout=None):
        """kombu's loop (`virtual.Transport.drain_events`), which also ends, as its timeout
        does, when the worker has been told to stop."""
        started = monotonic()
        while True:
            try:
                self.cycle.get(self._deliver, timeout=timeout)
            except Empty:
                timed_out = timeout is not None and monotonic() - started >= timeout
                if timed_out or told_to_stop():
                    raise TimeoutError from None  # socket.timeout, which synloop catches
                sleep(self.polling_interval)
            else:
                return
