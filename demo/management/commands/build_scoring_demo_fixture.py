"""Writes fixtures/demo_scoring.json (see demo.scoring). Needs a database with the demo loaded
(fixtures/demo.json, targets, awards and pledges) and writes nothing to it."""

from demo.fixtures import FixtureCommand
from demo.scoring import demo_records


class Command(FixtureCommand):
    help = (
        "Tạo tệp dữ liệu mẫu chấm điểm, xếp hạng cụm, khối fixtures/demo_scoring.json "
        "(nạp sau fixtures/demo_pledges.json)."
    )
    fixture_name = "demo_scoring"
    records = staticmethod(demo_records)
