"""Plans' viewer-facing texts per language (PlanCopy), one in the default locale per plan.

Depends on 0005 (the user's language).
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models


def copy_existing_plans(apps, schema_editor):
    from django.conf import settings

    Locale = apps.get_model("wagtailcore", "Locale")
    Plan = apps.get_model("subscriptions", "Plan")
    PlanCopy = apps.get_model("subscriptions", "PlanCopy")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None:  # no locale yet: copies are made as plans are saved
        return
    for plan in Plan.objects.all():
        PlanCopy.objects.get_or_create(
            plan=plan, locale=locale, defaults={"name": plan.name, "features": plan.features}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('subscriptions', '0005_user_language'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='PlanCopy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(help_text="The plan's name as viewers see it.", max_length=80)),
                ('description', models.TextField(blank=True, help_text='A sentence or two for the plans page.')),
                ('features', models.TextField(blank=True, help_text='One feature per line.')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='copies', to='subscriptions.plan')),
            ],
            options={
                'verbose_name': 'plan text',
                'ordering': ['plan__tier', 'plan__price'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('plan', 'locale'), name='plancopy_once_per_locale')],
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.RunPython(copy_existing_plans, migrations.RunPython.noop),
    ]
