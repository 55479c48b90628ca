"""Writes fixtures/demo_province.json (see demo.province). Needs a database with the demo
ward loaded (every fixtures/demo*.json before it) and writes nothing to it."""

from demo.fixtures import FixtureCommand
from demo.province import demo_records


class Command(FixtureCommand):
    help = (
        "Tạo tệp dữ liệu mẫu thành phố, các phường và tờ trình đã được Thành phố quyết định "
        "fixtures/demo_province.json (nạp sau các tệp dữ liệu mẫu của phường)."
    )
    fixture_name = "demo_province"
    records = staticmethod(demo_records)
