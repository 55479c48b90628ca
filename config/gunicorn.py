"""gunicorn's settings, the same for production (docker-compose.yml) and the load bench
(tests/bench/bench_load.py): `gunicorn config.wsgi:application --config config/gunicorn.py`.

Two processes per core, each with four threads: a page spends part of its time waiting for
PostgreSQL, and a thread waiting leaves the interpreter to another request of its process.
On the 2-core server, sync workers (one request per process) queued the pages behind those
waits: at 50 people the median page took twice as long. WEB_CONCURRENCY and
GUNICORN_THREADS set other counts.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
# With several workers the application (Django, every app, the URLconf: config/wsgi.py) is
# loaded once, before they are forked: they share its memory and none pays for the imports on
# its first request. With one worker nothing is shared: a preloaded master would hold a second
# copy of the application (about 80 MB) that serves no request, so the worker loads it itself
# (a worker replaced after max_requests takes a second or two to answer again).
preload_app = workers > 1
# A worker is replaced after this many requests (spread, so that they are not all replaced
# at once), which bounds what a leak can hold.
max_requests = 2000
max_requests_jitter = 200
# gunicorn's control socket (the `gunicornc` tool: worker counts changed and reloads at run
# time) is not part of how the product is run: docker-compose.yml starts and restarts the
# service. Left on, the master would run an asyncio event loop in a thread of its own for it
# (about 2 MB) and keep a socket that can change the workers under $HOME/.gunicorn.
control_socket_disable = True
