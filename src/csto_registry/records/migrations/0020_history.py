"""The record's history (records.history): where it begins. Its tables and triggers are made after every
migrate, by the records app's post_migrate, for the tables as the migrations leave them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0019_audit_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="history_from",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="revision",
            name="history_quiet",
            field=models.BooleanField(db_default=False, default=False),
        ),
    ]
