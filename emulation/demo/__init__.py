"""Demo and benchmark data (dữ liệu mẫu): the demo authority of `fixtures/demo.json` and the
large synthetic authorities of `manage.py seed_demo`.

Both are described first as an `AuthorityPlan` (`plans`): the demo authority by `district`, a
benchmark authority by `bench`. `writers` turns a plan into fixture records with fixed primary
keys or inserts it with `bulk_create`. Every person's name is invented from common Vietnamese
family, middle and given names; no real official is named.
"""

from emulation.demo.bench import bench_plan
from emulation.demo.district import DEMO_ACCOUNTS, DEMO_AUTHORITY_CODE, demo_plan
from emulation.demo.plans import AuthorityPlan
from emulation.demo.writers import (
    DEMO_FIXTURE_PATH,
    DEMO_PASSWORD,
    AuthorityExists,
    create_authority,
    delete_authority,
    fixture_json,
)

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_AUTHORITY_CODE",
    "DEMO_FIXTURE_PATH",
    "DEMO_PASSWORD",
    "AuthorityExists",
    "AuthorityPlan",
    "bench_plan",
    "create_authority",
    "delete_authority",
    "demo_plan",
    "fixture_json",
]
