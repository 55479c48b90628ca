"""The demo's clock (đồng hồ dữ liệu mẫu): the builders write each step of the year on the day
the story tells, so that every timestamp in `fixtures/demo*.json` is the same on every build.

`at(moment)` makes `django.utils.timezone.now()` (and with it `localdate()`, every
`auto_now_add` and every service that stamps a time) answer `moment`, in Asia/Ho_Chi_Minh,
until the block ends. Random codes (pledge verification, certificates) are drawn from one
seeded generator by `seeded_codes`, for the same reason. Only the demo builders use these.
"""

import contextlib
import datetime
import random
import types
from collections.abc import Iterator
from unittest import mock

from django.utils import timezone

from config.reauth import RequestMeta

DEMO_CODE_SEED = 2026
# Where the demo's signatures come from: a computer of the authority's own office.
SIGNING_META = RequestMeta(
    ip_address="10.0.0.15",
    user_agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
    session_key="demo-session-2026",
)
# The modules that draw the application's random public codes with `secrets.choice`.
CODE_SOURCES = ("emulation.pledges.codes", "awards.certificates.services")


def aware(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(moment, timezone.get_default_timezone())


@contextlib.contextmanager
def at(moment: datetime.datetime) -> Iterator[datetime.datetime]:
    """Within the block, the application's clock reads `moment` (local time)."""
    stamped = aware(moment)
    with mock.patch("django.utils.timezone.now", return_value=stamped):
        yield stamped


@contextlib.contextmanager
def seeded_codes(seed: int = DEMO_CODE_SEED) -> Iterator[None]:
    """Within the block, the public codes the application draws (pledge verification codes,
    certificate codes) take their characters from `random.Random(seed)` instead of `secrets`."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo codes, published with the demo
    drawn = types.SimpleNamespace(choice=rng.choice)
    with contextlib.ExitStack() as stack:
        for module in CODE_SOURCES:
            stack.enter_context(mock.patch(f"{module}.secrets", drawn))
        yield
