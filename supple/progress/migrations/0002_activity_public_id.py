import uuid

from django.db import migrations, models


def give_each_activity_its_own_id(apps, schema_editor):
    Activity = apps.get_model("progress", "Activity")
    for activity in Activity.objects.only("id"):
        activity.public_id = uuid.uuid4()
        activity.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0001_initial"),
    ]

    # A unique field with a callable default must be filled row by row before it is made unique.
    operations = [
        migrations.AddField(
            model_name="activity",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_activity_its_own_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activity",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
