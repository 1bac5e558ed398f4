from django.db import migrations


def load(apps, schema_editor):
    from portal.core.reference import SECTORS, STATES

    State = apps.get_model("core", "State")
    Sector = apps.get_model("core", "Sector")
    for code, name, is_ut, is_ne, gst in STATES:
        State.objects.update_or_create(
            code=code, defaults={"name": name, "is_union_territory": is_ut, "is_north_east": is_ne, "gst_code": gst}
        )
    for slug, name in SECTORS:
        Sector.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
