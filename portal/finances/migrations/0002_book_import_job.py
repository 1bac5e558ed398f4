from django.conf import settings
from django.db import migrations, models

import portal.finances.models


def mark_earlier_imports_done(apps, schema_editor):
    """Imports made before the worker ran them were all-or-nothing and are in the book: they are done."""
    BookImport = apps.get_model("finances", "BookImport")
    for job in BookImport.objects.all():
        job.status = "done"
        job.total_rows = job.processed_rows = job.imported_count
        job.finished_at = job.created_at
        job.save(update_fields=["status", "total_rows", "processed_rows", "finished_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("finances", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="bookimport", old_name="imported_by", new_name="uploaded_by"),
        migrations.RenameField(model_name="bookimport", old_name="row_count", new_name="imported_count"),
        migrations.AddField(
            model_name="bookimport",
            name="file",
            field=models.FileField(blank=True, upload_to=portal.finances.models.book_import_path),
        ),
        migrations.AddField(
            model_name="bookimport",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting to be processed"),
                    ("running", "Processing"),
                    ("done", "Imported"),
                    ("failed", "Not imported: see the errors"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="bookimport", name="total_rows", field=models.PositiveIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="bookimport", name="processed_rows", field=models.PositiveIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="bookimport", name="errors", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="bookimport", name="finished_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.RunPython(mark_earlier_imports_done, migrations.RunPython.noop),
    ]
