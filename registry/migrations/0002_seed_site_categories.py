from django.db import migrations

SITE_CATEGORIES = [
    ("library", "Library"),
    ("public-space", "Public space (town centre and public network)"),
    ("car-park", "Car park"),
    ("leisure-centre", "Leisure centre"),
    ("office", "Office"),
    ("depot", "Depot"),
    ("housing", "Housing"),
    ("school", "School"),
    ("park", "Park"),
    ("cemetery", "Cemetery"),
    ("museum", "Museum"),
    ("other", "Other"),
]


def seed(apps, schema_editor):
    SiteCategory = apps.get_model("registry", "SiteCategory")
    for slug, name in SITE_CATEGORIES:
        SiteCategory.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
