"""Job pages: who may open, download and retry a job, the live status fragment, the list."""

import hashlib
import re
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from documents.enums import JobStatus
from documents.models import Job
from emulation.enums import Role
from tests.factories import JobFactory, UnitFactory, UserFactory

PDF_BYTES = b"%PDF-1.7\n% t\xe1\xba\xa1m\n%%EOF\n"
FAILED_REASON = "Tài liệu tham chiếu đến tài nguyên không được phép: file:///etc/passwd"


@pytest.fixture
def people(authority):
    """The owner of the jobs and every kind of visitor."""
    unit = UnitFactory(authority=authority)
    return {
        "owner": UserFactory(role=Role.UNIT_CLERK, unit=unit),
        "same_unit": UserFactory(role=Role.UNIT_CLERK, unit=unit),
        "other_unit": UserFactory(role=Role.UNIT_HEAD, unit=UnitFactory(authority=authority)),
        "administrator": UserFactory(role=Role.ADMINISTRATOR, unit=unit),
    }


def make_done_job(owner) -> Job:
    job = JobFactory(
        requested_by=owner,
        status=JobStatus.DONE,
        progress=100,
        attempts=1,
        page_count=2,
        result_size=len(PDF_BYTES),
        result_sha256=hashlib.sha256(PDF_BYTES).hexdigest(),
        finished_at=timezone.now(),
    )
    job.result.save("danh-sach-don-vi-2026-02-05.pdf", ContentFile(PDF_BYTES), save=True)
    return job


def make_failed_job(owner) -> Job:
    return JobFactory(
        requested_by=owner,
        status=JobStatus.FAILED,
        progress=30,
        attempts=1,
        error=FAILED_REASON,
        finished_at=timezone.now(),
    )


def login_redirect(url: str) -> str:
    return f"{reverse('login')}?next={quote(url)}"


def snapshot(job: Job) -> dict:
    job.refresh_from_db()
    return {f.attname: getattr(job, f.attname) for f in Job._meta.concrete_fields}


VISITORS_READ = [
    ("owner", 200),
    ("same_unit", 404),
    ("other_unit", 404),
    ("administrator", 200),
    ("anonymous", 302),
]


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["documents:job_detail", "documents:job_status"])
@pytest.mark.parametrize(("visitor", "expected"), VISITORS_READ)
def test_job_page_access(client, people, route, visitor, expected):
    job = make_done_job(people["owner"])
    url = reverse(route, args=[job.pk])
    if visitor != "anonymous":
        client.force_login(people[visitor])

    response = client.get(url)

    assert response.status_code == expected
    if expected == 200:
        assert job.result_sha256 in response.content.decode()
    elif expected == 302:
        assert response.url == login_redirect(url)
    else:
        assert job.result_sha256 not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("visitor", "expected"), VISITORS_READ)
def test_job_download_access(client, people, visitor, expected):
    job = make_done_job(people["owner"])
    url = reverse("documents:job_download", args=[job.pk])
    if visitor != "anonymous":
        client.force_login(people[visitor])

    response = client.get(url)

    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            'attachment; filename="danh-sach-don-vi-2026-02-05.pdf"'
        )
    elif expected == 302:
        assert response.url == login_redirect(url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("visitor", "expected", "new_status"),
    [
        ("owner", 302, JobStatus.QUEUED),
        ("same_unit", 404, JobStatus.FAILED),
        ("other_unit", 404, JobStatus.FAILED),
        ("administrator", 403, JobStatus.FAILED),
        ("anonymous", 302, JobStatus.FAILED),
    ],
)
def test_job_retry_access(
    client, people, broker, django_capture_on_commit_callbacks, visitor, expected, new_status
):
    job = make_failed_job(people["owner"])
    url = reverse("documents:job_retry", args=[job.pk])
    if visitor != "anonymous":
        client.force_login(people[visitor])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == expected
    job.refresh_from_db()
    assert job.status == new_status
    if visitor == "owner":
        assert response.url == reverse("documents:job_detail", args=[job.pk])
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "Đã đưa tài liệu vào hàng đợi để tạo lại."
        ]
        assert broker == [job.pk]
    else:
        assert job.error == FAILED_REASON
        assert broker == []
    if visitor == "anonymous":
        assert response.url == login_redirect(url)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DONE])
def test_job_retry_of_a_job_that_has_not_failed_is_refused_and_changes_nothing(
    client, people, broker, status
):
    job = JobFactory(requested_by=people["owner"], status=status, progress=30, attempts=1)
    before = snapshot(job)
    client.force_login(people["owner"])

    response = client.post(reverse("documents:job_retry", args=[job.pk]), follow=True)

    assert response.redirect_chain == [(reverse("documents:job_detail", args=[job.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Chỉ chạy lại được tác vụ không thành công."
    ]
    assert snapshot(job) == before
    assert broker == []


@pytest.mark.django_db
def test_job_retry_by_get_is_not_allowed(client, people):
    job = make_failed_job(people["owner"])
    client.force_login(people["owner"])

    response = client.get(reverse("documents:job_retry", args=[job.pk]))

    assert response.status_code == 405
    assert snapshot(job)["status"] == JobStatus.FAILED


@pytest.mark.django_db
@pytest.mark.parametrize("status", [JobStatus.QUEUED, JobStatus.RUNNING])
def test_job_status_fragment_polls_while_unfinished(client, people, status):
    job = JobFactory(requested_by=people["owner"], status=status, progress=30)
    client.force_login(people["owner"])

    html = client.get(reverse("documents:job_status", args=[job.pk])).content.decode()

    status_url = reverse("documents:job_status", args=[job.pk])
    assert f'hx-get="{status_url}" hx-trigger="every 1s" hx-swap="outerHTML"' in html
    assert re.search(r'<progress [^>]*max="100" value="30" [^>]*aria-valuenow="30"', html)
    assert '<span class="job-progress-text">30 %</span>' in html
    assert "Tải về tệp PDF" not in html


@pytest.mark.django_db
def test_job_status_fragment_stops_polling_when_done(client, people):
    job = make_done_job(people["owner"])
    client.force_login(people["owner"])

    html = client.get(reverse("documents:job_status", args=[job.pk])).content.decode()

    assert "hx-trigger" not in html
    assert "hx-get" not in html
    assert 'value="100"' in html
    assert f'href="{reverse("documents:job_download", args=[job.pk])}"' in html
    assert f'<code class="sha256">{job.result_sha256}</code>' in html


@pytest.mark.django_db
def test_job_detail_refreshes_without_javascript_only_while_unfinished(client, people):
    queued = JobFactory(requested_by=people["owner"])
    done = make_done_job(people["owner"])
    client.force_login(people["owner"])
    refresh = '<noscript><meta http-equiv="refresh" content="3"></noscript>'

    queued_page = client.get(reverse("documents:job_detail", args=[queued.pk]))
    done_page = client.get(reverse("documents:job_detail", args=[done.pk]))

    assert refresh in queued_page.content.decode()
    assert refresh not in done_page.content.decode()


@pytest.mark.django_db
def test_job_detail_of_failed_job_shows_reason_and_retry_to_owner_only(client, people):
    job = make_failed_job(people["owner"])
    retry_action = f'action="{reverse("documents:job_retry", args=[job.pk])}"'

    client.force_login(people["owner"])
    owner_html = client.get(reverse("documents:job_detail", args=[job.pk])).content.decode()
    client.force_login(people["administrator"])
    admin_html = client.get(reverse("documents:job_detail", args=[job.pk])).content.decode()

    assert FAILED_REASON in owner_html
    assert FAILED_REASON in admin_html
    assert retry_action in owner_html
    assert retry_action not in admin_html
    assert "hx-trigger" not in owner_html


@pytest.mark.django_db
def test_job_detail_of_failed_job_styles_the_retry_as_a_button(client, people):
    job = make_failed_job(people["owner"])
    client.force_login(people["owner"])

    html = client.get(reverse("documents:job_detail", args=[job.pk])).content.decode()

    assert '<button class="button button-primary" type="submit">Chạy lại</button>' in html


@pytest.mark.django_db
def test_job_download_of_unfinished_job_is_not_found(client, people):
    job = JobFactory(requested_by=people["owner"], status=JobStatus.RUNNING)
    client.force_login(people["owner"])

    response = client.get(reverse("documents:job_download", args=[job.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_job_list_shows_own_jobs_newest_first(client, people):
    mine = [JobFactory(requested_by=people["owner"]) for _ in range(3)]
    JobFactory(requested_by=people["same_unit"])
    client.force_login(people["owner"])

    response = client.get(reverse("documents:job_list"))

    assert response.status_code == 200
    assert [job.pk for job in response.context["page"].object_list] == [
        job.pk for job in reversed(mine)
    ]


@pytest.mark.django_db
def test_job_list_anonymous_is_sent_to_login(client):
    response = client.get(reverse("documents:job_list"))

    assert (response.status_code, response.url) == (
        302,
        login_redirect(reverse("documents:job_list")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_job_list_pages_by_25_with_constant_queries(
    client, people, django_assert_num_queries, count
):
    for _ in range(count):
        JobFactory(requested_by=people["owner"])
    client.force_login(people["owner"])

    # session, user, count, page of jobs
    with django_assert_num_queries(4):
        response = client.get(reverse("documents:job_list"))

    assert len(response.context["page"].object_list) == min(count, 25)
    assert response.context["page"].paginator.num_pages == (2 if count > 25 else 1)
