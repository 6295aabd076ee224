# A membership's own active flag, and updated_at for ETags, on the membership and its history.

from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0004_history_of_organisations_and_memberships'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='is_active',
            field=models.BooleanField(default=True, help_text='An inactive member keeps their record and history but may do nothing here.'),
        ),
        migrations.AddField(
            model_name='membership',
            name='updated_at',
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='is_active',
            field=models.BooleanField(default=True, help_text='An inactive member keeps their record and history but may do nothing here.'),
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='updated_at',
            field=models.DateTimeField(blank=True, default=timezone.now, editable=False),
            preserve_default=False,
        ),
    ]
