from django.db import migrations


def load(apps, schema_editor):
    from assets.reference_data import load_restrictions, read_restriction_rows

    load_restrictions(
        apps.get_model("assets", "VendorRestriction"), apps.get_model("assets", "Manufacturer"), read_restriction_rows()
    )


class Migration(migrations.Migration):
    dependencies = [("assets", "0003_restrictions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
