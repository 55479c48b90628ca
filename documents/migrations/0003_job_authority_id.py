"""Jobs keep the authority of their requester, so that the core reads no app's models to tell
one authority's jobs from another's. Existing jobs get it from their requester through the same
hook as new ones (settings.DOCUMENTS_AUTHORITY_OF), one update per requester."""

from django.conf import settings
from django.db import migrations, models
from django.utils.module_loading import import_string


def fill_authority(apps, schema_editor):
    Job = apps.get_model("documents", "Job")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    authority_of = import_string(settings.DOCUMENTS_AUTHORITY_OF)
    requester_ids = (
        Job.objects.filter(authority_id__isnull=True)
        .values_list("requested_by_id", flat=True)
        .distinct()
        .order_by()
    )
    for requester in User.objects.filter(pk__in=list(requester_ids)).iterator():
        authority_id = authority_of(requester)
        if authority_id is not None:
            Job.objects.filter(requested_by_id=requester.pk, authority_id__isnull=True).update(
                authority_id=authority_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="authority_id",
            field=models.BigIntegerField(
                blank=True, db_index=True, null=True, verbose_name="mã cơ quan"
            ),
        ),
        migrations.RunPython(fill_authority, migrations.RunPython.noop, elidable=True),
    ]
