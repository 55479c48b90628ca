"""The nomination workflow: every allowed and every refused transition, history, reasons,
appraisal from the records, overrides, E-16 and E-17."""

import datetime
import itertools

import pytest

from awards.council.services import create_session, send_to_council
from awards.eligibility import rule_text
from awards.enums import NominationState, Verdict
from awards.errors import AwardsError, ConcurrentChangeError
from awards.errors import TransitionError as NominationTransitionError
from awards.models import NominationEvent
from awards.nominations.notice import answer_objection, publish_nomination, record_objection
from awards.nominations.services import (
    add_nominee,
    appraise_nomination,
    override_verdict,
    return_nomination,
    set_nomination_state,
    submit_nomination,
)
from awards.nominations.workflow import NOMINATION_TRANSITIONS
from config.permissions import NotPermitted
from config.workflow import TransitionRefused, available_actions
from tests.awards.conftest import NOTICE_DAY, in_state
from tests.awards.factories import InitiativeFactory

ALLOWED = [(old, new) for old, targets in NOMINATION_TRANSITIONS.items() for new in sorted(targets)]
REFUSED = [
    (old, new)
    for old, new in itertools.product(NominationState, NominationState)
    if old != new and new not in NOMINATION_TRANSITIONS[old]
]


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_transition_allowed_moves_and_writes_history(nomination, staff, old, new):
    nomination = in_state(nomination, old)
    set_nomination_state(nomination, new, by=staff, reason="Lý do kiểm thử")
    nomination.refresh_from_db()
    event = NominationEvent.objects.get(nomination=nomination)
    assert (nomination.state, nomination.version, event.from_state, event.to_state, event.by) == (
        new,
        1,
        old,
        new,
        staff,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_transition_refused_changes_nothing(nomination, staff, old, new):
    nomination = in_state(nomination, old)
    with pytest.raises(NominationTransitionError):
        set_nomination_state(nomination, new, by=staff, reason="Lý do")
    nomination.refresh_from_db()
    assert (nomination.state, nomination.version, NominationEvent.objects.count()) == (old, 0, 0)


@pytest.mark.django_db
def test_transition_to_same_state_is_a_no_op(nomination, staff):
    set_nomination_state(nomination, NominationState.DRAFT, by=staff)
    assert (nomination.version, NominationEvent.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_transition_with_a_stale_version_is_refused(nomination, staff, head):
    stale = type(nomination).objects.get(pk=nomination.pk)
    submit_nomination(nomination=nomination, user=head)
    with pytest.raises(ConcurrentChangeError):
        set_nomination_state(stale, NominationState.WITHDRAWN, by=head)
    nomination.refresh_from_db()
    assert (nomination.state, NominationEvent.objects.count()) == (NominationState.SUBMITTED, 1)


@pytest.mark.django_db
def test_return_requires_a_reason(nomination, staff, head):
    submit_nomination(nomination=nomination, user=head)
    with pytest.raises(AwardsError, match="Cần ghi lý do trả lại hồ sơ"):
        return_nomination(nomination=nomination, user=staff, reason="  ")
    return_nomination(nomination=nomination, user=staff, reason="Thiếu biên bản họp bình xét")
    event = NominationEvent.objects.filter(to_state=NominationState.RETURNED).get()
    assert event.reason == "Thiếu biên bản họp bình xét"


@pytest.mark.django_db
def test_submit_without_nominees_is_refused(other_unit, head):
    from tests.awards.factories import NominationFactory

    empty = NominationFactory(unit=other_unit, created_by=head)
    with pytest.raises(AwardsError, match="Hồ sơ chưa có người, tập thể nào được đề nghị"):
        submit_nomination(nomination=empty, user=head)


@pytest.mark.django_db
def test_appraisal_of_a_qualifying_ldtt_is_eligible(nomination, staff, head):
    submit_nomination(nomination=nomination, user=head)
    appraise_nomination(nomination=nomination, user=staff)
    line = nomination.lines.get()
    assert (nomination.state, nomination.verdict, line.eligible, line.failures) == (
        NominationState.APPRAISED,
        Verdict.ELIGIBLE,
        True,
        [],
    )


@pytest.mark.django_db
def test_appraisal_stores_failed_rules_with_citations(nomination, staff, head, make_person, award):
    add_nominee(
        nomination=nomination,
        user=head,
        award=award("cstdcs"),
        subject_kind="individual",
        person=make_person("Võ Thị Sáu", duty_rating="excellent"),
    )
    submit_nomination(nomination=nomination, user=head)
    appraise_nomination(nomination=nomination, user=staff)
    line = nomination.lines.get(award__code="cstdcs")
    assert nomination.verdict == Verdict.NOT_ELIGIBLE
    assert [failure["rule"] for failure in line.failures] == ["E-04", "E-05"]
    assert line.failures[0]["citation"] == (
        "Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15; quy chế của cơ quan"
    )
    # The history names who failed and why in plain words, never bare rule codes.
    reason = NominationEvent.objects.get(to_state=NominationState.APPRAISED).reason
    assert reason == "Võ Thị Sáu – Chiến sĩ thi đua cơ sở: " + " ".join(
        rule_text(failure["rule"], failure["message"]) for failure in line.failures
    )
    assert reason.startswith("Võ Thị Sáu – Chiến sĩ thi đua cơ sở: ")
    assert "(E-04, Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15" in reason


@pytest.mark.django_db
def test_appraisal_counts_the_cstdcs_cap_over_the_unit_roll(
    nomination, staff, head, make_person, award
):
    # Seven LĐTT on the roll: 15 % of 7 rounds down to 1 CSTĐCS.
    for number in range(5):
        make_person(f"Nguyễn Văn Bình {number}")
    for name in ("Trần Thị Lan", "Phạm Văn Đồng"):
        person = make_person(name, duty_rating="excellent")
        InitiativeFactory(person=person)
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("cstdcs"),
            subject_kind="individual",
            person=person,
        )
    submit_nomination(nomination=nomination, user=head)
    appraise_nomination(nomination=nomination, user=staff)
    failures = [line.failures for line in nomination.lines.filter(award__code="cstdcs")]
    assert [[f["rule"] for f in line] for line in failures] == [["E-05"], ["E-05"]]


@pytest.mark.django_db
def test_clerk_cannot_appraise(nomination, head, other_unit):
    from emulation.enums import Role
    from tests.factories import UserFactory

    clerk = UserFactory(role=Role.UNIT_CLERK, unit=other_unit)
    submit_nomination(nomination=nomination, user=head)
    with pytest.raises(NotPermitted, match="Bạn không có quyền thực hiện thao tác này"):
        appraise_nomination(nomination=nomination, user=clerk)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.SUBMITTED


@pytest.mark.django_db
def test_override_requires_a_reason_and_is_kept_in_history(nomination, staff, head):
    submit_nomination(nomination=nomination, user=head)
    appraise_nomination(nomination=nomination, user=staff)
    with pytest.raises(AwardsError, match="Cần ghi lý do điều chỉnh kết quả thẩm định"):
        override_verdict(nomination=nomination, user=staff, verdict=Verdict.NOT_ELIGIBLE, reason="")
    override_verdict(
        nomination=nomination,
        user=staff,
        verdict=Verdict.NOT_ELIGIBLE,
        reason="Hồ sơ minh chứng sáng kiến chưa hợp lệ",
    )
    nomination.refresh_from_db()
    event = NominationEvent.objects.filter(to_state=NominationState.APPRAISED).last()
    assert (nomination.verdict, nomination.verdict_overridden, event.reason) == (
        Verdict.NOT_ELIGIBLE,
        True,
        "Điều chỉnh kết quả thẩm định thành “Không đủ điều kiện”: Hồ sơ minh chứng sáng kiến "
        "chưa hợp lệ",
    )


@pytest.mark.django_db
def test_e16_not_eligible_cannot_be_published(nomination, staff):
    nomination = in_state(nomination, NominationState.APPRAISED, verdict=Verdict.NOT_ELIGIBLE)
    with pytest.raises(AwardsError, match=r"^Hồ sơ chưa được thẩm định đủ điều kiện \(E-16, "):
        publish_nomination(nomination=nomination, user=staff, day=NOTICE_DAY)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPRAISED


@pytest.mark.django_db
def test_e16_eligible_is_published_for_the_notice_days(nomination, staff):
    nomination = in_state(nomination, NominationState.APPRAISED, verdict=Verdict.ELIGIBLE)
    publish_nomination(nomination=nomination, user=staff, day=NOTICE_DAY)
    nomination.refresh_from_db()
    assert (nomination.state, nomination.notice_until) == (
        NominationState.PUBLIC_NOTICE,
        datetime.date(2026, 1, 12),
    )


@pytest.mark.django_db
def test_notice_period_skips_the_holidays_of_the_calendar(nomination, staff):
    """Five working days from Monday 27/04/2026: 30/04 and 01/05 are holidays (Điều 112)."""
    nomination = in_state(nomination, NominationState.APPRAISED, verdict=Verdict.ELIGIBLE)
    publish_nomination(nomination=nomination, user=staff, day=datetime.date(2026, 4, 27))
    nomination.refresh_from_db()
    assert nomination.notice_until == datetime.date(2026, 5, 6)


@pytest.mark.django_db
def test_e16_not_eligible_cannot_reach_council(nomination, staff):
    nomination = in_state(
        nomination,
        NominationState.PUBLIC_NOTICE,
        verdict=Verdict.NOT_ELIGIBLE,
        notice_until=NOTICE_DAY,
    )
    session = create_session(user=staff, title="Phiên họp", held_on=NOTICE_DAY, members=[])
    with pytest.raises(AwardsError, match=r"^Hồ sơ chưa được thẩm định đủ điều kiện \(E-16, "):
        send_to_council(nomination=nomination, user=staff, session=session, day=NOTICE_DAY)


@pytest.mark.django_db
def test_e17_council_waits_for_the_notice_period_and_answers(nomination, staff):
    nomination = in_state(nomination, NominationState.APPRAISED, verdict=Verdict.ELIGIBLE)
    publish_nomination(nomination=nomination, user=staff, day=NOTICE_DAY)
    objection = record_objection(
        nomination=nomination, user=staff, text="Ông Tám nghỉ 3 tháng", day=NOTICE_DAY
    )
    session = create_session(user=staff, title="Phiên họp", held_on=NOTICE_DAY, members=[])
    end = datetime.date(2026, 1, 12)
    with pytest.raises(AwardsError, match=r"^Chưa hết thời hạn công khai danh sách \(E-17, "):
        send_to_council(
            nomination=nomination, user=staff, session=session, day=end - datetime.timedelta(days=1)
        )
    with pytest.raises(AwardsError, match=r"^Còn ý kiến phản ánh chưa được trả lời \(E-17, "):
        send_to_council(nomination=nomination, user=staff, session=session, day=end)
    answer_objection(objection=objection, user=staff, answer="Nghỉ phép năm, vẫn đủ 12 tháng.")
    send_to_council(nomination=nomination, user=staff, session=session, day=end)
    nomination.refresh_from_db()
    assert (nomination.state, nomination.council_session) == (NominationState.IN_COUNCIL, session)


@pytest.mark.django_db
def test_nominee_from_another_unit_is_refused(nomination, head, award, unit):
    from tests.factories import EmploymentFactory, PersonFactory

    stranger = PersonFactory(authority=unit.authority)
    EmploymentFactory(person=stranger, unit=unit)
    with pytest.raises(AwardsError, match="Cá nhân được đề nghị phải công tác tại đơn vị đề nghị"):
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("ldtt"),
            subject_kind="individual",
            person=stranger,
        )


@pytest.mark.django_db
def test_e10_same_nominee_twice_in_one_nomination_is_refused(nomination, head, award):
    person = nomination.lines.get().person
    with pytest.raises(
        AwardsError, match=r"^Đối tượng này đã có trong danh sách với cùng danh hiệu \(E-10, "
    ):
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("ldtt"),
            subject_kind="individual",
            person=person,
        )
    assert nomination.lines.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "verdict", "user", "actions"),
    [
        (NominationState.DRAFT, "", "head", ["submit", "withdraw"]),
        (NominationState.DRAFT, "", "staff", []),
        (NominationState.SUBMITTED, "", "staff", ["appraise", "return"]),
        (NominationState.SUBMITTED, "", "head", ["withdraw"]),
        (NominationState.APPRAISED, Verdict.ELIGIBLE, "staff", ["publish", "return"]),
        # E-16: an appraisal that found the nomination not eligible is never published.
        (NominationState.APPRAISED, Verdict.NOT_ELIGIBLE, "staff", ["return"]),
        (NominationState.PUBLIC_NOTICE, Verdict.ELIGIBLE, "staff", ["send_to_council"]),
        (NominationState.DECIDED, Verdict.ELIGIBLE, "staff", []),
    ],
)
def test_available_actions_follow_the_table_and_the_rules(
    nomination, request, state, verdict, user, actions
):
    nomination = in_state(nomination, state, verdict=verdict)
    offered = available_actions(nomination, request.getfixturevalue(user))
    assert sorted(offered) == actions


@pytest.mark.django_db
def test_a_move_outside_the_table_is_refused_in_vietnamese(nomination, staff):
    with pytest.raises(
        TransitionRefused, match="Không thể chuyển từ “Đang soạn” sang “Đã có quyết định”"
    ):
        set_nomination_state(nomination, NominationState.DECIDED, by=staff)
    nomination.refresh_from_db()
    assert (nomination.state, nomination.version) == (NominationState.DRAFT, 0)
