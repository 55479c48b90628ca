"""Seeds the catalogue of titles and forms, their rule sets by period and the base salaries
(DOMAIN §3–§6). Administrators add later versions in the admin; this data is the starting point.

Two rule-set versions: NĐ 91/2017 and NĐ 98/2023 (until 30/06/2025), and NĐ 152/2025 (from
01/07/2025), where the provincial Bằng khen rose from 1.0 to 1.5 times the base salary.
"""

import datetime
from decimal import Decimal

from django.db import migrations

OLD_FROM = datetime.date(2018, 1, 1)
OLD_TO = datetime.date(2025, 6, 30)
NEW_FROM = datetime.date(2025, 7, 1)
OLD_BASIS = "Nghị định 91/2017/NĐ-CP; Nghị định 98/2023/NĐ-CP"
NEW_BASIS = "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP"

MAJORITY = {"vote_threshold": Decimal("0.5"), "threshold_of_all_members": False}
HIGH = {
    "vote_threshold": Decimal("0.9"),
    "threshold_of_all_members": True,
    "threshold_inclusive": True,
    "requires_secret_ballot": True,
}

# code, name, category, subjects (i, c, h), sort, deciding level, coefficient (old, new), rules
CATALOGUE = [
    (
        "ldtt",
        "Lao động tiên tiến",
        "title",
        "i",
        10,
        "authority",
        ("0.3", "0.3"),
        {
            **MAJORITY,
            "requires_secret_ballot": False,
            "dossier_items": "Tờ trình kèm danh sách; biên bản họp bình xét",
        },
    ),
    (
        "cstdcs",
        "Chiến sĩ thi đua cơ sở",
        "title",
        "i",
        20,
        "authority",
        ("1.0", "1.0"),
        {
            **MAJORITY,
            "requires_initiative": True,
            "max_ratio": Decimal("0.15"),
            "dossier_items": "Tờ trình, danh sách; biên bản họp Hội đồng; báo cáo thành tích; "
            "quyết định công nhận sáng kiến",
        },
    ),
    (
        "cstd_tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        "title",
        "i",
        30,
        "superior",
        ("3.0", "3.0"),
        {
            **HIGH,
            "consecutive_years": 3,
            "dossier_items": "Tờ trình; biên bản và kết quả bỏ phiếu kín; báo cáo thành tích; "
            "chứng nhận hiệu quả áp dụng sáng kiến",
        },
    ),
    (
        "ttldtt",
        "Tập thể lao động tiên tiến",
        "title",
        "c",
        40,
        "authority",
        ("0.8", "0.8"),
        {
            **MAJORITY,
            "min_member_ratio": Decimal("0.5"),
            "dossier_items": "Tờ trình kèm danh sách; biên bản họp bình xét",
        },
    ),
    (
        "ttldxs",
        "Tập thể lao động xuất sắc",
        "title",
        "c",
        50,
        "superior",
        ("1.5", "1.5"),
        {
            **HIGH,
            "min_member_ratio": Decimal("0.7"),
            "dossier_items": "Tờ trình; biên bản và kết quả bỏ phiếu kín; báo cáo thành tích",
        },
    ),
    (
        "giay_khen",
        "Giấy khen của Chủ tịch Ủy ban nhân dân",
        "form",
        "ich",
        60,
        "authority",
        ("0.3", "0.3"),
        {
            **MAJORITY,
            "requires_secret_ballot": False,
            "dossier_items": "Tờ trình kèm danh sách; biên bản xét khen thưởng; tóm tắt thành tích",
        },
    ),
    (
        "bang_khen_tinh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố",
        "form",
        "ic",
        70,
        "superior",
        ("1.0", "1.5"),
        {**HIGH, "dossier_items": "Tờ trình; biên bản và kết quả bỏ phiếu kín; báo cáo thành tích"},
    ),
    (
        "co_tinh",
        "Cờ thi đua của Ủy ban nhân dân thành phố",
        "title",
        "c",
        80,
        "superior",
        ("8.0", "8.0"),
        {**HIGH, "dossier_items": "Tờ trình; biên bản và kết quả bỏ phiếu kín; báo cáo thành tích"},
    ),
]

BASE_SALARIES = [
    (datetime.date(2019, 7, 1), 1490000, "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1800000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2340000, "Nghị định 73/2024/NĐ-CP"),
    (datetime.date(2026, 7, 1), 2530000, "Nghị định 161/2026/NĐ-CP (cần đối chiếu)"),
]


def seed(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    AwardRuleSet = apps.get_model("awards", "AwardRuleSet")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for code, name, category, subjects, sort, level, (old, new), rules in CATALOGUE:
        award = Award.objects.create(
            code=code,
            name=name,
            category=category,
            for_individual="i" in subjects,
            for_collective="c" in subjects,
            for_household="h" in subjects,
            sort_order=sort,
        )
        for valid_from, valid_to, basis, coefficient in (
            (OLD_FROM, OLD_TO, OLD_BASIS, old),
            (NEW_FROM, None, NEW_BASIS, new),
        ):
            AwardRuleSet.objects.create(
                award=award,
                valid_from=valid_from,
                valid_to=valid_to,
                legal_basis=basis,
                coefficient=Decimal(coefficient),
                deciding_level=level,
                **rules,
            )
    for valid_from, amount, basis in BASE_SALARIES:
        BaseSalary.objects.create(valid_from=valid_from, amount=amount, legal_basis=basis)


def unseed(apps, schema_editor):
    apps.get_model("awards", "AwardRuleSet").objects.all().delete()
    apps.get_model("awards", "Award").objects.all().delete()
    apps.get_model("awards", "BaseSalary").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
