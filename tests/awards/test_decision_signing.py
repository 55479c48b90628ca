"""Signing a decision from its page (issue 15, "Signing too lightly"): what is signed is shown
(the number to be given, the lines, the money, the total), the chairperson ticks the consent
and enters the password again, and the signature's evidence is recorded as for a pledge.
Every refusal answers in Vietnamese and writes nothing."""

import datetime
import hashlib

import pytest
from axes.utils import reset
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.decisions import policy
from awards.decisions.services import draft_decision, sign_decision_with_evidence
from awards.decisions.summary import signing_summary
from awards.enums import DecisionStatus, NominationState
from awards.errors import AwardsError
from awards.models import BaseSalary, DecisionSignature
from config.permissions import NotPermitted
from config.reauth import AuthMethod, RequestMeta
from emulation.enums import AUTHORITY_WIDE_ROLES, Role
from tests.awards.conftest import in_state
from tests.factories import TEST_PASSWORD, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Về việc công nhận danh hiệu Lao động tiên tiến năm 2025"
META = RequestMeta(ip_address="10.0.0.9", user_agent="test", session_key="k")


@pytest.fixture(autouse=True)
def clean_axes():
    reset()
    yield
    reset()


@pytest.fixture
def decision(nomination, staff):
    in_state(nomination, NominationState.APPROVED, verdict="eligible")
    nomination.lines.update(approved=True)
    return draft_decision(user=staff, year=2025, title=TITLE, lines=nomination.lines.all())


def url(decision) -> str:
    return reverse("awards:decision_sign", args=[decision.pk])


def client_for(user) -> Client:
    client = Client(HTTP_USER_AGENT="Chromium kiểm thử")
    client.force_login(user)
    return client


def sign_post(client, decision, **changes):
    data = {
        "document_sha256": signing_summary(decision, timezone.localdate()).sha256,
        "consent_version": policy.CONSENT_VERSION,
        "consent": "on",
        "password": TEST_PASSWORD,
    }
    data.update(changes)
    return client.post(url(decision), {k: v for k, v in data.items() if v is not None})


def nothing_written(decision) -> tuple:
    decision.refresh_from_db()
    return (decision.status, decision.number, DecisionSignature.objects.count())


DRAFT = (DecisionStatus.DRAFT, None, 0)


def test_signing_page_shows_the_number_the_lines_and_the_money(client, chair, decision):
    client.force_login(chair)
    response = client.get(url(decision))
    page = response.content.decode()
    assert response.status_code == 200
    assert [
        text in page
        for text in (
            "01/QĐ-UBND",
            TITLE,
            "Lê Văn Tám",
            "Lao động tiên tiến",
            "Tổng số tiền thưởng (đồng)",
            str(policy.CONSENT_TEXTS[policy.CONSENT_VERSION]),
            'name="password"',
            signing_summary(decision, timezone.localdate()).sha256,
        )
    ] == [True] * 8


def test_signing_page_formats_the_money_the_vietnamese_way(client, chair, decision):
    """LĐTT: 0,3 × 2.530.000 = 759.000, rounded up to 760.000 (E-11); one line, so the total
    is the same."""
    client.force_login(chair)
    page = client.get(url(decision)).content.decode()
    summary = signing_summary(decision, timezone.localdate())
    assert (summary.lines[0].amount, summary.total) == (760000, 760000)
    assert page.count("760.000") == 3  # the line, the total row, the total fact
    assert "2.530.000" in page


def test_chair_signs_with_consent_and_password_and_evidence_is_recorded(chair, decision):
    client = client_for(chair)
    shown = signing_summary(decision, timezone.localdate()).sha256
    response = sign_post(client, decision)
    decision.refresh_from_db()
    signature = DecisionSignature.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("awards:decision_detail", args=[decision.pk]),
    )
    assert (decision.status, decision.reference, decision.signed_by) == (
        DecisionStatus.SIGNED,
        "01/QĐ-UBND",
        chair,
    )
    assert (
        signature.decision,
        signature.user,
        signature.signer_name,
        signature.role,
        signature.auth_method,
        signature.consent_version,
        signature.document_sha256,
        signature.ip_address,
        signature.user_agent,
        len(signature.session_key_hash),
    ) == (
        decision,
        chair,
        "Trần Thị Lan",
        Role.CHAIRPERSON,
        AuthMethod.PASSWORD,
        policy.CONSENT_VERSION,
        shown,
        "127.0.0.1",
        "Chromium kiểm thử",
        64,
    )


def test_decision_page_shows_who_signed_when_and_how(chair, decision):
    client = client_for(chair)
    sign_post(client, decision)
    signature = DecisionSignature.objects.get()
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    local = timezone.localtime(signature.signed_at)
    assert [
        text in page
        for text in (
            "Chữ ký điện tử",
            signature.signer_name,
            "Chủ tịch",
            local.strftime("%d/%m/%Y %H:%M:%S"),
            "Nhập lại mật khẩu khi ký",
            signature.document_sha256,
        )
    ] == [True] * 6


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "sai-mat-khau"}, "Mật khẩu không đúng hoặc chưa nhập lại mật khẩu."),
        ({"password": ""}, "Mật khẩu không đúng hoặc chưa nhập lại mật khẩu."),
        (
            {"document_sha256": "0" * 64},
            "Nội dung quyết định đã thay đổi so với bản bạn đã xem.",
        ),
        ({"consent_version": "2020-01"}, "Lời đồng ý đã được cập nhật."),
    ],
    ids=["wrong-password", "no-password", "summary-changed", "outdated-consent"],
)
def test_refusal_answers_in_vietnamese_and_writes_nothing(chair, decision, changes, message):
    response = sign_post(client_for(chair), decision, **changes)
    assert (response.status_code, message in response.content.decode()) == (400, True)
    assert nothing_written(decision) == DRAFT


def test_missing_consent_is_refused_and_nothing_written(chair, decision):
    response = sign_post(client_for(chair), decision, consent=None)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hãy đánh dấu đồng ý trước khi ký." in page
    assert 'id="id_consent_error"' in page
    assert nothing_written(decision) == DRAFT


def test_one_click_post_without_password_no_longer_signs(chair, decision):
    response = client_for(chair).post(url(decision))
    assert response.status_code == 400
    assert nothing_written(decision) == DRAFT


def test_already_signed_decision_is_refused_and_nothing_more_written(chair, decision):
    client = client_for(chair)
    shown = signing_summary(decision, timezone.localdate()).sha256
    assert sign_post(client, decision).status_code == 302
    again = client.post(
        url(decision),
        {
            "document_sha256": shown,
            "consent_version": policy.CONSENT_VERSION,
            "consent": "on",
            "password": TEST_PASSWORD,
        },
    )
    decision.refresh_from_db()
    assert again.status_code == 400
    assert "Quyết định đã được ký." in again.content.decode()
    assert (decision.number, DecisionSignature.objects.count()) == (1, 1)
    page = client.get(url(decision)).content.decode()
    assert "Quyết định số 01/QĐ-UBND đã được ký ngày" in page
    assert 'name="password"' not in page


def test_recent_reauthentication_signs_without_typing_the_password(chair, decision):
    client = client_for(chair)
    session = client.session
    session["pledges_reauthenticated_at"] = timezone.now().isoformat()
    session.save()
    assert sign_post(client, decision, password="").status_code == 302
    assert DecisionSignature.objects.get().auth_method == AuthMethod.RECENT_PASSWORD


def test_stale_reauthentication_is_refused(chair, decision):
    client = client_for(chair)
    session = client.session
    session["pledges_reauthenticated_at"] = (
        timezone.now() - datetime.timedelta(minutes=6)
    ).isoformat()
    session.save()
    assert sign_post(client, decision, password="").status_code == 400
    assert nothing_written(decision) == DRAFT


def test_wrong_passwords_lock_the_chair_out_as_on_a_pledge(chair, decision):
    client = client_for(chair)
    statuses = [
        sign_post(client, decision, password=f"sai-{n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert sign_post(client, decision).status_code in (400, 429)
    assert nothing_written(decision) == DRAFT


def test_missing_base_salary_is_shown_and_refused(chair, decision):
    BaseSalary.objects.all().delete()
    client = client_for(chair)
    page = client.get(url(decision)).content.decode()
    assert "Chưa có mức lương cơ sở áp dụng ngày" in page
    response = sign_post(client, decision)
    assert response.status_code == 400
    assert "Chưa có mức lương cơ sở áp dụng ngày" in response.content.decode()
    assert nothing_written(decision) == DRAFT


@pytest.mark.parametrize("role", list(Role))
def test_only_the_chair_of_the_authority_opens_the_signing_page(client, unit, decision, role):
    client.force_login(UserFactory(role=role, unit=unit))
    response = client.get(url(decision))
    assert response.status_code == (200 if role == Role.CHAIRPERSON else 403)


@pytest.mark.parametrize("role", list(Role))
def test_only_the_chair_of_the_authority_signs(unit, decision, role):
    response = sign_post(client_for(UserFactory(role=role, unit=unit)), decision)
    expected = (302, 1, 1) if role == Role.CHAIRPERSON else (403, None, 0)
    decision.refresh_from_db()
    assert (response.status_code, decision.number, DecisionSignature.objects.count()) == expected


@pytest.mark.parametrize("role", list(Role))
def test_another_authority_neither_sees_nor_signs(other_authority, decision, role):
    client = client_for(UserFactory(role=role, unit=UnitFactory(authority=other_authority)))
    expected = 404 if role in AUTHORITY_WIDE_ROLES else 403
    assert (client.get(url(decision)).status_code, sign_post(client, decision).status_code) == (
        expected,
        expected,
    )
    assert nothing_written(decision) == DRAFT


def sign_in_service(decision, user, *, minutes_since_password: int = 0):
    return sign_decision_with_evidence(
        decision=decision,
        user=user,
        day=timezone.localdate(),
        shown_hash=signing_summary(decision, timezone.localdate()).sha256,
        consent_version=policy.CONSENT_VERSION,
        auth_method=AuthMethod.PASSWORD,
        authenticated_at=timezone.now() - datetime.timedelta(minutes=minutes_since_password),
        meta=META,
    )


def test_service_refuses_a_user_without_the_right(staff, decision):
    with pytest.raises(NotPermitted):
        sign_in_service(decision, staff)
    assert nothing_written(decision) == DRAFT


def test_service_refuses_a_stale_authentication(chair, decision):
    with pytest.raises(AwardsError, match=r"Cần nhập lại mật khẩu ngay trước khi ký\."):
        sign_in_service(decision, chair, minutes_since_password=10)
    assert nothing_written(decision) == DRAFT


def test_service_records_where_the_signature_came_from(chair, decision):
    signature = sign_in_service(decision, chair)
    assert (signature.ip_address, signature.user_agent, signature.session_key_hash) == (
        "10.0.0.9",
        "test",
        hashlib.sha256(b"k").hexdigest(),
    )


def test_signing_page_offers_the_capacity_and_a_deputy_signs_on_behalf(chair, decision):
    client = client_for(chair)
    page = client.get(url(decision)).content.decode()
    assert '<select name="signer_capacity"' in page
    assert "Phó Chủ tịch ký thay Chủ tịch (KT. CHỦ TỊCH)" in page
    response = sign_post(client, decision, signer_capacity="deputy")
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.signer_capacity == "deputy"
    assert decision.signer_title_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_signing_without_a_capacity_signs_as_chairperson(chair, decision):
    assert sign_post(client_for(chair), decision).status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.signer_capacity) == (DecisionStatus.SIGNED, "chair")


def test_an_unknown_capacity_is_refused_with_a_message_and_nothing_written(chair, decision):
    response = sign_post(client_for(chair), decision, signer_capacity="vice_chair")
    assert response.status_code == 400
    assert "Thẩm quyền ký không hợp lệ." in response.content.decode()
    assert nothing_written(decision) == DRAFT


def test_the_decision_page_states_the_capacity_it_was_signed_in(chair, decision):
    client = client_for(chair)
    sign_post(client, decision, signer_capacity="deputy")
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert "<dt>Thẩm quyền ký</dt><dd>Phó Chủ tịch ký thay Chủ tịch (KT. CHỦ TỊCH)</dd>" in page
