"""The certificate jobs' slices move to the document core's JobChunk (documents.chunks), which
the imports' jobs use too. A job in progress at the upgrade keeps the slices it has drawn: each
row is copied, its certificate ids as the slice's payload, then the old table is dropped."""

from django.db import migrations

BATCH = 1_000


def to_job_chunks(apps, schema_editor):
    old = apps.get_model("awards", "CertificateChunk")
    new = apps.get_model("documents", "JobChunk")
    new.objects.bulk_create(
        (
            new(
                job_id=chunk.job_id,
                index=chunk.index,
                payload={"certificates": chunk.certificate_ids},
                state=chunk.state,
                claimed_at=chunk.claimed_at,
            )
            for chunk in old.objects.iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )


def to_certificate_chunks(apps, schema_editor):
    old = apps.get_model("awards", "CertificateChunk")
    new = apps.get_model("documents", "JobChunk")
    old.objects.bulk_create(
        (
            old(
                job_id=chunk.job_id,
                index=chunk.index,
                certificate_ids=chunk.payload["certificates"],
                state=chunk.state,
                claimed_at=chunk.claimed_at,
            )
            for chunk in new.objects.filter(payload__has_key="certificates").iterator(
                chunk_size=BATCH
            )
        ),
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0014_nomination_line_forwarded_from"),
        ("documents", "0006_jobchunk"),
    ]

    operations = [
        migrations.RunPython(to_job_chunks, to_certificate_chunks),
        migrations.DeleteModel(name="CertificateChunk"),
    ]
