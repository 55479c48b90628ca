"""The simulated people of the load bench, in a process of their own (standard library only).

    python tests/bench/load_client.py < spec.json > samples.json

The spec names the server, how long to browse and each person's pages, session cookie and
random seed; the output lists every page request as [page, milliseconds, status]. A person
is a thread: waits a think time, opens a page, downloads every byte of it, waits a think
time, opens the next.

It runs apart from pytest so that the interpreter lock of the process that measures is
shared by the people only, and each request costs the client little: one plain HTTP
connection, the body read in full but not decoded, no cookie jar, no redirect handling (a
redirect, to the sign-in page for example, counts as an error, as any status but 200 does).
"""

import http.client
import json
import random
import sys
import threading
import time


class Person(threading.Thread):
    def __init__(self, spec: dict, *, host: str, port: int, until: float, think: list[float]):
        super().__init__(daemon=True)
        self.pages: dict[str, str] = spec["pages"]
        self.headers = {"Cookie": spec["cookie"]}
        self.rng = random.Random(spec["seed"])  # noqa: S311 (think times, not secrets)
        self.host, self.port, self.until, self.think = host, port, until, think
        self.samples: list[tuple[str, float, int]] = []

    def fetch(self, path: str) -> int:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request("GET", path, headers=self.headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except OSError:
            return 0
        finally:
            connection.close()

    def run(self) -> None:
        names = list(self.pages)
        # People arrive spread over one think time, as they then go on: started together,
        # every person's first page would land in the same instant, a burst of 50 requests
        # that a working day never sends (it held the slowest 5% of a page opened by few).
        time.sleep(self.rng.uniform(*self.think))
        while time.monotonic() < self.until:
            name = self.rng.choice(names)
            started = time.perf_counter()
            status = self.fetch(self.pages[name])
            self.samples.append((name, (time.perf_counter() - started) * 1000, status))
            time.sleep(self.rng.uniform(*self.think))


def browse(spec: dict) -> list[tuple[str, float, int]]:
    """Every person of `spec` browses for spec["seconds"]; the samples of all of them."""
    until = time.monotonic() + spec["seconds"]
    people = [
        Person(person, host=spec["host"], port=spec["port"], until=until, think=spec["think"])
        for person in spec["people"]
    ]
    for person in people:
        person.start()
    for person in people:
        person.join()
    return [sample for person in people for sample in person.samples]


if __name__ == "__main__":
    json.dump(browse(json.load(sys.stdin)), sys.stdout)
