"""Verdicts and task statuses moved to the reporting app, target adjustments to plans: state only, the tables stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_period_adjustment"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="taskstatus",
                    name="entry",
                ),
                migrations.RemoveField(
                    model_name="taskstatus",
                    name="judged",
                ),
                migrations.RemoveField(
                    model_name="taskstatus",
                    name="period",
                ),
                migrations.RemoveField(
                    model_name="taskstatus",
                    name="signed",
                ),
                migrations.RemoveField(
                    model_name="taskstatus",
                    name="task",
                ),
                migrations.RemoveField(
                    model_name="verdict",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="verdict",
                    name="entry",
                ),
                migrations.RemoveField(
                    model_name="verdict",
                    name="period",
                ),
                migrations.RemoveField(
                    model_name="verdict",
                    name="task",
                ),
                migrations.AlterField(
                    model_name="reminder",
                    name="period",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reminders",
                        to="plans.period",
                    ),
                ),
                migrations.DeleteModel(
                    name="Adjustment",
                ),
                migrations.DeleteModel(
                    name="TaskStatus",
                ),
                migrations.DeleteModel(
                    name="Verdict",
                ),
            ],
            database_operations=[],
        ),
    ]
