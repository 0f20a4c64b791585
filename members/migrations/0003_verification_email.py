# Verification requests are asked on a public form: an email, no account until approved.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_roster_roster_upload"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="verificationrequest",
            name="email",
            field=models.EmailField(db_index=True, default="", max_length=254, verbose_name="email"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="verificationrequest",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="account",
            ),
        ),
    ]
