"""A management command that runs once, or forever every --loop seconds (the compose
services `scheduler`, `mail-scheduler` and `reminders` run such commands)."""

import time
from abc import ABC, abstractmethod

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _


class PeriodicCommand(BaseCommand, ABC):
    """Subclasses say what one round does in `run_once()`, which returns the line to print."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDS",
            help=_("Chạy mãi, SECONDS giây một lần (dịch vụ scheduler). Mặc định: chạy một lần."),
        )

    @abstractmethod
    def run_once(self) -> str:
        """One round; returns what to print."""

    def handle(self, *args, loop: int | None = None, **options):
        while True:
            self.stdout.write(self.run_once())
            if not loop:
                return
            time.sleep(loop)
