"""Writes fixtures/demo_pledges.json (see demo.pledges). Needs a database with the demo
authority loaded (fixtures/demo.json) and writes nothing to it."""

from demo.fixtures import FixtureCommand
from demo.pledges import demo_records


class Command(FixtureCommand):
    help = (
        "Tạo tệp dữ liệu mẫu cụm, khối và giao ước thi đua fixtures/demo_pledges.json "
        "(nạp sau fixtures/demo.json)."
    )
    fixture_name = "demo_pledges"
    records = staticmethod(demo_records)
