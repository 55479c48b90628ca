"""config/broker.py: the quick start's embedded broker delivers what is published to its
folders, polls them every POLLING_SECONDS, and stops polling as soon as its worker is told
to stop (the quick start itself, with a real worker: tests/documents/test_embedded_broker.py)."""

import pytest
from celery.worker import state
from kombu import Connection, Consumer, Exchange, Producer, Queue
from kombu.transport import virtual

from config import broker

QUEUE = Queue("essai", Exchange("essai", type="direct"), routing_key="essai")


class FakeTime:
    """The transport's clock and sleep: each sleep moves the clock and is recorded."""

    def __init__(self):
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time(monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(broker, "monotonic", fake.monotonic)
    monkeypatch.setattr(broker, "sleep", fake.sleep)
    return fake


@pytest.fixture
def connection(tmp_path, monkeypatch):
    # kombu keeps the declared exchanges in a class attribute: each test's folders start anew.
    monkeypatch.setattr(broker.Transport, "global_state", virtual.BrokerState())
    folder = tmp_path / "broker"
    folder.mkdir()
    with Connection(
        "filesystem://",
        transport=broker.Transport,
        transport_options={
            "data_folder_in": str(folder),
            "data_folder_out": str(folder),
            "control_folder": str(tmp_path),
            "store_processed": False,
        },
    ) as opened:
        yield opened


@pytest.fixture
def received(connection):
    """What the consumer of QUEUE has received, its bodies in order."""
    bodies: list[dict] = []
    channel = connection.channel()
    consumer = Consumer(channel, [QUEUE], callbacks=[lambda body, message: bodies.append(body)])
    consumer.consume()
    yield bodies
    consumer.cancel()


@pytest.fixture
def told_to_stop(monkeypatch):
    """The worker's state after a SIGTERM (warm shutdown, exit code 0)."""
    monkeypatch.setattr(state, "should_stop", 0)


def test_an_empty_poll_waits_out_its_timeout_in_polling_steps(connection, received, fake_time):
    with pytest.raises(TimeoutError):
        connection.drain_events(timeout=2.0)
    assert fake_time.sleeps == [broker.POLLING_SECONDS] * 8
    assert received == []


def test_a_worker_told_to_stop_gives_up_its_poll_at_once(
    connection, received, fake_time, told_to_stop
):
    with pytest.raises(TimeoutError):
        connection.drain_events(timeout=2.0)
    assert fake_time.sleeps == []


def test_a_cold_shutdown_also_ends_the_poll(connection, received, fake_time, monkeypatch):
    monkeypatch.setattr(state, "should_terminate", 1)
    with pytest.raises(TimeoutError):
        connection.drain_events(timeout=2.0)
    assert fake_time.sleeps == []


def test_a_published_message_is_delivered_without_a_wait(connection, received, fake_time):
    Producer(connection.channel()).publish(
        {"job": 7}, exchange=QUEUE.exchange, routing_key="essai", declare=[QUEUE]
    )
    connection.drain_events(timeout=2.0)
    assert received == [{"job": 7}]
    assert fake_time.sleeps == []


def test_the_worker_state_is_untouched_outside_a_shutdown():
    assert broker.told_to_stop() is False
