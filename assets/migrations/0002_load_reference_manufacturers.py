from django.db import migrations


def load(apps, schema_editor):
    from assets.reference_data import load_manufacturers, read_manufacturer_rows

    load_manufacturers(apps.get_model("assets", "Manufacturer"), read_manufacturer_rows())


class Migration(migrations.Migration):
    dependencies = [("assets", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
