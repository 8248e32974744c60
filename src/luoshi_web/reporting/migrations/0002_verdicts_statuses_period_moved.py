"""Verdicts and task statuses (from the review app) now belong to reporting; periods moved to plans.

Only Django's state changes: the tables, their indexes and constraints keep their names."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_moved_to_plans_and_reporting"),
        ("plans", "0002_period_adjustment"),
        ("reporting", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="attachment",
                    name="period",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="attachments", to="plans.period"
                    ),
                ),
                migrations.AlterField(
                    model_name="progressentry",
                    name="period",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="entries", to="plans.period"
                    ),
                ),
                migrations.CreateModel(
                    name="Verdict",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[("judge", "系统研判"), ("signoff", "审核确认"), ("override", "审核改判")],
                                max_length=10,
                                verbose_name="来源",
                            ),
                        ),
                        (
                            "value",
                            models.CharField(
                                choices=[
                                    ("done", "是"),
                                    ("partly_done", "部分未达"),
                                    ("not_done", "否"),
                                    ("deemed_done", "视同完成"),
                                    ("unknown", "待人工研判"),
                                ],
                                max_length=20,
                                verbose_name="结论",
                            ),
                        ),
                        ("reasons", models.JSONField(blank=True, default=list, verbose_name="理由")),
                        ("rule", models.CharField(blank=True, max_length=500, verbose_name="依据")),
                        ("on_forecast", models.BooleanField(default=False, verbose_name="基于预计数")),
                        ("needs_review", models.BooleanField(default=False, verbose_name="需人工研判")),
                        ("on_schedule", models.BooleanField(blank=True, null=True, verbose_name="达序")),
                        ("claim_contradicted", models.BooleanField(default=False, verbose_name="与自评矛盾")),
                        ("detail", models.JSONField(blank=True, default=list, verbose_name="指标明细")),
                        ("note", models.TextField(blank=True, verbose_name="审核意见")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "entry",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="verdicts",
                                to="reporting.progressentry",
                            ),
                        ),
                        (
                            "period",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="verdicts", to="plans.period"
                            ),
                        ),
                        (
                            "task",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="verdicts", to="plans.task"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "研判结论",
                        "verbose_name_plural": "研判结论",
                        "db_table": "review_verdict",
                        "ordering": ("-created_at", "-id"),
                    },
                ),
                migrations.CreateModel(
                    name="TaskStatus",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[("missing", "未填报"), ("submitted", "待审核"), ("signed", "已审核")],
                                default="missing",
                                max_length=10,
                                verbose_name="状态",
                            ),
                        ),
                        ("claimed_status", models.CharField(blank=True, max_length=10, verbose_name="单位自评")),
                        ("disagreement", models.BooleanField(default=False, verbose_name="自评与研判不一致")),
                        ("behind", models.BooleanField(default=False, verbose_name="滞后")),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "entry",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="reporting.progressentry",
                            ),
                        ),
                        (
                            "period",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="statuses", to="plans.period"
                            ),
                        ),
                        (
                            "task",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="statuses", to="plans.task"
                            ),
                        ),
                        (
                            "judged",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="reporting.verdict",
                            ),
                        ),
                        (
                            "signed",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="reporting.verdict",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "任务状态",
                        "verbose_name_plural": "任务状态",
                        "db_table": "review_taskstatus",
                    },
                ),
                migrations.DeleteModel(
                    name="Period",
                ),
                migrations.AddIndex(
                    model_name="verdict",
                    index=models.Index(fields=["task", "period"], name="review_verd_task_id_ddf41e_idx"),
                ),
                migrations.AddConstraint(
                    model_name="taskstatus",
                    constraint=models.UniqueConstraint(fields=("task", "period"), name="status_unique_per_period"),
                ),
            ],
            database_operations=[],
        ),
    ]
