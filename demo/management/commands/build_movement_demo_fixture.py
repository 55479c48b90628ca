"""Writes fixtures/demo_movements.json (see demo.movements). Needs a database with the demo
authority loaded (fixtures/demo.json) and writes nothing to it."""

from demo.fixtures import FixtureCommand
from demo.movements import demo_records


class Command(FixtureCommand):
    help = (
        "Tạo tệp dữ liệu mẫu phong trào, đăng ký thi đua và điển hình tiên tiến "
        "fixtures/demo_movements.json (nạp sau fixtures/demo.json)."
    )
    fixture_name = "demo_movements"
    records = staticmethod(demo_records)
