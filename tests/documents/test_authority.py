"""Jobs carry their authority: the document core tells one authority's jobs from another's by
`Job.authority_id`, set when the job is asked for through settings.DOCUMENTS_AUTHORITY_OF,
never by walking the requester's unit."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from documents.models import Job
from documents.selectors import visible_jobs
from documents.services import request_document
from emulation.enums import Role
from tests.factories import JobFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(authority):
    return UserFactory(role=Role.UNIT_CLERK, unit=UnitFactory(authority=authority))


def test_request_keeps_the_requesters_authority(owner, authority):
    job = request_document(kind="unit_directory", params={"day": "2026-02-05"}, user=owner)
    assert Job.objects.get(pk=job.pk).authority_id == authority.pk


def test_a_requester_without_a_unit_leaves_the_job_without_authority():
    job = request_document(kind="unit_directory", params={}, user=UserFactory(unit=None))
    assert Job.objects.get(pk=job.pk).authority_id is None


def test_administrator_of_another_authority_cannot_see_the_job(
    client, owner, authority, other_authority
):
    job = JobFactory(requested_by=owner)
    own_admin = UserFactory(role=Role.ADMINISTRATOR, unit=UnitFactory(authority=authority))
    foreign_admin = UserFactory(
        role=Role.ADMINISTRATOR, unit=UnitFactory(authority=other_authority)
    )
    pages = []
    for admin in (own_admin, foreign_admin):
        client.force_login(admin)
        pages.append(client.get(reverse("documents:job_detail", args=[job.pk])).status_code)
    assert pages == [200, 404]
    assert list(visible_jobs(own_admin)) == [job]
    assert list(visible_jobs(foreign_admin)) == []


def test_the_job_stays_with_the_authority_it_was_asked_in(owner, authority, other_authority):
    """A requester who moves to another authority does not take their old jobs along."""
    job = JobFactory(requested_by=owner)
    owner.unit = UnitFactory(authority=other_authority)
    owner.save(update_fields=["unit"])
    own_admin = UserFactory(role=Role.ADMINISTRATOR, unit=UnitFactory(authority=authority))
    new_admin = UserFactory(role=Role.ADMINISTRATOR, unit=UnitFactory(authority=other_authority))
    assert (list(visible_jobs(own_admin)), list(visible_jobs(new_admin))) == ([job], [])


def test_migration_fills_the_authority_of_existing_jobs(owner, authority):
    migration = importlib.import_module("documents.migrations.0003_job_authority_id")
    unknown = JobFactory(requested_by=UserFactory(unit=None))
    kept = JobFactory(requested_by=owner)
    old = JobFactory(requested_by=owner)
    Job.objects.filter(pk__in=[old.pk, unknown.pk]).update(authority_id=None)
    Job.objects.filter(pk=kept.pk).update(authority_id=999)

    migration.fill_authority(apps, None)

    assert dict(Job.objects.values_list("pk", "authority_id")) == {
        unknown.pk: None,
        kept.pk: 999,
        old.pk: authority.pk,
    }
