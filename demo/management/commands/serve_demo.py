"""`make run`: the web server, the document worker and the job sweeper as one foreground
program that stops all three once, cleanly, on Ctrl-C or SIGTERM. Before them, the demo's
signing certificate (make_signing_ca), so that issued documents are signed.

A shell `trap 'kill 0'` sends the signal to its own process group again, re-entering the trap
(thousands of "Warm shutdown" lines, then make crashing). Here each child runs in its own
session, so a terminal's Ctrl-C reaches only this process, which forwards one SIGTERM to each
child, waits for them with a time limit and then kills what is left of their groups.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from config import clock
from emulation.enums import Role
from emulation.models import Authority, User

POLL_SECONDS = 0.2


def worker_command(*, concurrency: int) -> list[str]:
    """The demo's one Celery worker: it consumes every queue (documents, imports, mail and the
    default), where production runs a worker service per queue (docker-compose.yml)."""
    return [
        sys.executable,
        "-m",
        "config.worker",
        "--loglevel=INFO",
        f"--concurrency={concurrency}",
        f"--queues={','.join(settings.TASK_QUEUE_NAMES)}",
    ]


class Command(BaseCommand):
    help = (
        "Chạy máy chủ web, tiến trình nền tạo tài liệu và bộ quét tác vụ cùng lúc; Ctrl-C hoặc "
        "SIGTERM dừng cả ba một lần. (Web server, document worker and job sweeper together.)"
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--concurrency",
            type=int,
            default=settings.CELERY_WORKER_CONCURRENCY,
            help="Celery worker processes.",
        )
        parser.add_argument(
            "--sweep-every", type=int, default=60, metavar="SECONDS", help="Job sweeper period."
        )
        parser.add_argument(
            "--grace",
            type=float,
            default=20.0,
            metavar="SECONDS",
            help="How long the children may take to stop before they are killed.",
        )

    def handle(self, *args, host, port, concurrency, sweep_every, grace, **options):
        manage = str(settings.BASE_DIR / "manage.py")
        commands = {
            "worker": worker_command(concurrency=concurrency),
            "sweeper": [sys.executable, manage, "sweep_jobs", "--loop", str(sweep_every)],
            "web": [sys.executable, manage, "runserver", f"{host}:{port}", "--noreload"],
        }
        # The documents the worker draws print the address this server answers at, unless
        # the environment names another one (config/public_address.py).
        environment = {**os.environ}
        environment.setdefault("PUBLIC_BASE_URL", f"http://{host}:{port}")
        stop_signal: list[int] = []

        def on_signal(signum, _frame):
            if not stop_signal:
                stop_signal.append(signum)

        # The demo signs its issued documents with a local test CA's certificate (var/signing/).
        call_command("make_signing_ca", *signing_names(), stdout=self.stdout)
        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        children: dict[str, subprocess.Popen] = {}
        try:
            for name, command in commands.items():
                # The argument lists above are fixed here; nothing comes from a request.
                children[name] = subprocess.Popen(  # noqa: S603
                    command, cwd=settings.BASE_DIR, env=environment, start_new_session=True
                )
                self.stdout.write(f"{name}: pid {children[name].pid}", ending="\n")
            self.stdout.flush()
            while not stop_signal:
                ended = [name for name, child in children.items() if child.poll() is not None]
                if ended:
                    self.stderr.write(f"{', '.join(ended)} stopped; stopping the others.")
                    break
                time.sleep(POLL_SECONDS)
            self._stop(children, grace)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if not stop_signal:
            raise CommandError("A child process stopped on its own.")

    def _stop(self, children: dict[str, subprocess.Popen], grace: float) -> None:
        """One SIGTERM to each running child (Celery's warm shutdown), a wait of at most
        `grace` seconds, then SIGKILL to the process group of any child still running."""
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for name, child in children.items():
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name} did not stop within {grace:g} s; killing it.")
        for child in children.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)  # the child's own group: pool processes too
            child.wait()
        self.stdout.write("stopped: " + ", ".join(children))


def signing_names() -> list[str]:
    """make_signing_ca's options naming the demo's authority (its issuer name and place today)
    and its chairperson, from the loaded demo; none when the database holds no authority."""
    options = []
    authority = Authority.objects.order_by("pk").first()
    identity = authority.identity_on(clock.today()) if authority else None
    if identity is not None:
        options += [f"--authority-name={identity.issuer_name}", f"--place={identity.place_name}"]
    chair = User.objects.filter(role=Role.CHAIRPERSON, is_active=True).order_by("pk").first()
    if chair is not None and chair.get_full_name():
        options.append(f"--chair-name={chair.get_full_name()}")
    return options
