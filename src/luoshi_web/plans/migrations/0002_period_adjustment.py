"""Reporting periods (from the reporting app) and target adjustments (from the review app) now belong to plans.

Only Django's state changes: the tables keep their names (``db_table``), so no row moves."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Period",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=60, verbose_name="名称")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("month", "月度"),
                                    ("quarter", "季度"),
                                    ("half", "半年"),
                                    ("year", "年度"),
                                    ("other", "其他"),
                                ],
                                default="half",
                                max_length=10,
                                verbose_name="类型",
                            ),
                        ),
                        ("start", models.DateField(verbose_name="起始日期")),
                        ("end", models.DateField(verbose_name="截止日期")),
                        ("due", models.DateField(verbose_name="填报截止日")),
                        ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="关闭时间")),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="periods",
                                to="plans.plan",
                                verbose_name="方案",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "填报周期",
                        "verbose_name_plural": "填报周期",
                        "db_table": "reporting_period",
                        "ordering": ("plan_id", "end"),
                    },
                ),
                migrations.CreateModel(
                    name="Adjustment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("approved_by", models.CharField(max_length=100, verbose_name="批准机关")),
                        ("approved_on", models.DateField(verbose_name="批准日期")),
                        ("before", models.TextField(verbose_name="原目标")),
                        ("after", models.TextField(blank=True, verbose_name="调整后目标")),
                        ("reason", models.TextField(verbose_name="调整理由")),
                        ("deemed_done", models.BooleanField(default=True, verbose_name="视同完成")),
                        ("recorded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "task",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="adjustments", to="plans.task"
                            ),
                        ),
                        (
                            "period",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="adjustments",
                                to="plans.period",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "目标调整",
                        "verbose_name_plural": "目标调整",
                        "db_table": "review_adjustment",
                        "ordering": ("-approved_on",),
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
