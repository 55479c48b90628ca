"""The demo movements, registration and exemplary stories (fixtures/demo_movements.json),
loaded after fixtures/demo.json.

Made like the pledges' fixture: the real services run on a database that holds the demo
authority, what they wrote is serialised, and everything is rolled back. The movements are
those of the seed article (Quận 1 steps up its patriotic emulation movements): "Dân vận khéo"
and "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".

- Both movements for 2026 with their sơ kết and tổng kết; "Dân vận khéo" for every active unit.
- Registration 2026 open until 31/03/2026, not required by the appraisal: Phòng Văn hóa và
  Thông tin has submitted (the unit and its head), Phòng Giáo dục và Đào tạo has a draft.
- Two exemplary stories of Phòng Văn hóa và Thông tin linked to the movements.
"""

import datetime

from django.utils import timezone

from demo import clock
from demo.fixtures import fixture_path
from emulation.models import Employment, Unit, User
from emulation.models.movements import (
    Exemplary,
    Milestone,
    Movement,
    Registration,
    RegistrationLine,
    RegistrationRound,
)
from emulation.movements.enums import (
    ExemplaryKind,
    MilestoneKind,
    MovementKind,
    RegistrationState,
)
from emulation.movements.services import (
    add_milestone,
    add_registration_line,
    registration_of,
    save_exemplary,
    save_movement,
    save_round,
    set_registration_state,
)

DEMO_MOVEMENTS_PATH = fixture_path("demo_movements")
YEAR = 2026
STAFF_USERNAME = "canbo.thidua"
HEAD_USERNAME = "thutruong.vhtt"
SUBMITTED_AT = datetime.datetime(2026, 3, 20, 9, 30)
LAUNCHED = datetime.datetime(2026, 1, 20, 9, 0)

MOVEMENTS = (
    {
        "kind": MovementKind.REGULAR,
        "name": "Dân vận khéo",
        "launched_by": "Ủy ban nhân dân phường Sài Gòn",
        "launch_date": datetime.date(YEAR, 1, 20),
        "goals": (
            "Triển khai sâu rộng đến các cơ quan, đơn vị, khu phố, tổ dân phố và các tầng lớp "
            "nhân dân; phát huy, nhân rộng các điển hình tiên tiến, mô hình, cách làm hay đem "
            "lại hiệu quả thiết thực."
        ),
        "units": None,
    },
    {
        "kind": MovementKind.THEMATIC,
        "name": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "launched_by": "Ban Thường vụ Đảng ủy phường Sài Gòn",
        "launch_date": datetime.date(YEAR, 2, 3),
        "goals": (
            "Gắn việc học tập và làm theo Bác với thực hành tiết kiệm, phòng, chống tham nhũng, "
            "tiêu cực; triển khai chuyên đề “Xây dựng không gian văn hóa Hồ Chí Minh”."
        ),
        "units": ("VHTT", "GDDT", "YT", "NV"),
    },
)


def demo_records() -> list:
    """Writes this part of the demo through the services, on the day the movements were
    launched; returns what the fixture holds."""
    with clock.at(LAUNCHED):
        return _launch()


def _launch() -> list:
    staff = User.objects.get(username=STAFF_USERNAME)
    head = User.objects.get(username=HEAD_USERNAME)
    authority = staff.unit.authority
    active = Unit.objects.filter(authority=authority).valid_on(datetime.date(YEAR, 1, 1))
    by_code = {unit.code: unit for unit in active}
    movements = []
    for spec in MOVEMENTS:
        codes = spec["units"]
        movement = save_movement(
            user=staff,
            units=list(active) if codes is None else [by_code[code] for code in codes],
            kind=spec["kind"],
            name=spec["name"],
            launched_by=spec["launched_by"],
            launch_date=spec["launch_date"],
            period_start=datetime.date(YEAR, 1, 1),
            period_end=datetime.date(YEAR, 12, 31),
            goals=spec["goals"],
        )
        add_milestone(
            movement=movement,
            user=staff,
            kind=MilestoneKind.MID_YEAR,
            due_date=datetime.date(YEAR, 7, 15),
        )
        add_milestone(
            movement=movement,
            user=staff,
            kind=MilestoneKind.YEAR_END,
            due_date=datetime.date(YEAR, 12, 15),
        )
        movements.append(movement)

    round_ = save_round(
        user=staff, year=YEAR, deadline=datetime.date(YEAR, 3, 31), requires_registration=False
    )
    culture = registration_of(round_=round_, unit=head.unit)
    add_registration_line(registration=culture, user=head, title_code="ttldtt")
    if head.person_id:
        add_registration_line(
            registration=culture, user=head, title_code="ldtt", person=head.person
        )
    set_registration_state(culture, RegistrationState.SUBMITTED, by=head)
    culture.submitted_at = timezone.make_aware(SUBMITTED_AT)
    culture.save(update_fields=["submitted_at"])
    registration_of(round_=round_, unit=by_code["GDDT"])

    staff_member = (
        Employment.objects.current_on(datetime.date(YEAR, 1, 1))
        .filter(unit=head.unit)
        .exclude(person_id=head.person_id)
        .select_related("person")
        .order_by("person__full_name")
        .first()
    )
    save_exemplary(
        user=head,
        unit=head.unit,
        kind=ExemplaryKind.COLLECTIVE,
        person=None,
        movement=movements[0],
        title="Mô hình “Khu phố văn minh, sạch đẹp”",
        field="Dân vận khéo",
        story=(
            "Phòng phối hợp với các khu phố vận động người dân giữ vỉa hè thông thoáng, phân "
            "loại rác tại nguồn; 12 tuyến đường được công nhận văn minh, sạch đẹp."
        ),
        period_start=datetime.date(YEAR, 1, 1),
        period_end=datetime.date(YEAR, 6, 30),
    )
    if staff_member is not None:
        save_exemplary(
            user=head,
            unit=head.unit,
            kind=ExemplaryKind.PERSON,
            person=staff_member.person,
            movement=movements[1],
            title="Tận tụy phục vụ Nhân dân",
            field="Người tốt, việc tốt",
            story=(
                "Chủ động hướng dẫn người dân làm thủ tục trực tuyến ngoài giờ; trả lại tài sản "
                "người dân để quên tại bộ phận một cửa."
            ),
            period_start=datetime.date(YEAR, 1, 1),
            period_end=datetime.date(YEAR, 6, 30),
        )
    return [
        *Movement.objects.filter(pk__in=[m.pk for m in movements]),
        *Milestone.objects.filter(movement__in=movements),
        *RegistrationRound.objects.filter(pk=round_.pk),
        *Registration.objects.filter(round=round_),
        *RegistrationLine.objects.filter(registration__round=round_),
        *Exemplary.objects.filter(movement__in=movements),
    ]
