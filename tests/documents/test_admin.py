"""The job administration: listed in Vietnamese, nothing to add or edit."""

import html

import pytest
from django.urls import reverse

from documents.enums import JobStatus
from emulation.enums import Role
from tests.factories import JobFactory, UserFactory


@pytest.fixture
def superuser_client(client, unit):
    client.force_login(
        UserFactory(role=Role.ADMINISTRATOR, unit=unit, is_staff=True, is_superuser=True)
    )
    return client


@pytest.mark.django_db
def test_job_admin_lists_jobs_with_their_kind_label(superuser_client):
    job = JobFactory(status=JobStatus.FAILED, attempts=3)

    response = superuser_client.get(reverse("admin:documents_job_changelist"))

    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Chọn tác vụ tạo tài liệu để xem" in text
    assert f'<a href="{reverse("admin:documents_job_change", args=[job.pk])}">' in text
    assert "Danh sách đơn vị" in text
    assert "Không thành công" in text


@pytest.mark.django_db
def test_job_admin_shows_a_job_read_only(superuser_client):
    job = JobFactory(result_sha256="a" * 64)

    response = superuser_client.get(reverse("admin:documents_job_change", args=[job.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert '<div class="readonly">' + "a" * 64 + "</div>" in text
    assert 'name="status"' not in text
    assert 'name="_save"' not in text


@pytest.mark.django_db
def test_job_admin_refuses_to_add_jobs(superuser_client):
    response = superuser_client.get(reverse("admin:documents_job_add"))

    assert response.status_code == 403
