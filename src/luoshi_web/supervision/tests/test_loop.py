"""The 督办 loop runs itself: a period opens and units are told; the due date passes and late units are reminded;
the reminder escalates to the unit's head and the 分管领导; a 督办单 is issued, signed for, replied to and closed."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any
from unittest import mock

from django.core import mail
from django.db import close_old_connections, connection
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from luoshi_web.accounts.models import User
from luoshi_web.audit.models import AuditEvent
from luoshi_web.review import delivery
from luoshi_web.review.models import Reminder
from luoshi_web.supervision.models import Ladder, Notice, UnitRequest
from luoshi_web.supervision.tick import tick
from luoshi_web.supervision.worker import run_jobs
from luoshi_web.test import PASSWORD, BaseTestCase, make_world

# The world's period runs through 2021 and is due on 2022-01-10 in these tests.
DUE = dt.date(2022, 1, 10)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


class LoopTestCase(BaseTestCase):
    head: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.period.due = DUE
        cls.period.save()
        cls.head = User.objects.create_user(
            "head_b", password=PASSWORD, role=User.LIAISON, first_name="周局长", government=cls.gov, unit=cls.unit_b,
            is_unit_head=True, email="head_b@example.gov.cn",
        )  # fmt: skip
        cls.leader.oversees.add(cls.unit_b)
        cls.liaison_b.email = "liaison_b@example.gov.cn"
        cls.liaison_b.save()

    def said(self, **where: Any) -> list[tuple[str, str, str]]:
        rows = Reminder.objects.filter(**where).select_related("unit", "recipient").order_by("id")
        return [(r.kind, r.unit.name if r.unit else "", r.recipient.username if r.recipient else "") for r in rows]


class LadderTests(LoopTestCase):
    def test_the_period_opening_tells_every_unit_with_tasks_once(self) -> None:
        tick(at(dt.date(2021, 12, 1)))
        self.assertEqual(sorted(self.said(kind="opened")), [("opened", "区发改委", ""), ("opened", "区科技局", "")])
        tick(at(dt.date(2021, 12, 1), 10))
        self.assertEqual(Reminder.objects.filter(kind="opened").count(), 2)

    def test_before_on_and_after_the_due_date_the_late_liaison_is_reminded_then_the_head_and_leader(self) -> None:
        for day, kinds in (
            (DUE - dt.timedelta(days=4), set()),
            (DUE - dt.timedelta(days=3), {"before"}),
            (DUE, {"due"}),
            (DUE + dt.timedelta(days=1), {"after"}),
            (DUE + dt.timedelta(days=2), set()),
            (DUE + dt.timedelta(days=3), {"after", "escalate"}),
        ):
            with self.subTest(day=day):
                before = Reminder.objects.count()
                tick(at(day))
                new = Reminder.objects.order_by("id")[before:]
                self.assertEqual({r.kind for r in new if r.kind not in ("opened", "digest")}, kinds)
        # Unit A reported nothing either: both units were chased; escalation went to B's head and its leader.
        self.assertEqual(
            sorted(self.said(kind="escalate")),
            [("escalate", "区发改委", "head_b"), ("escalate", "区发改委", "leader")],
        )

    def test_a_unit_that_reports_is_no_longer_chased(self) -> None:
        from luoshi_web.reporting import services

        text = "硅巷新增12万平方米。"
        services.submit(
            [services.Submission(t, text, "是", services.read_figures(text, self.period), 0) for t in (self.task_b, self.task_street)],
            period=self.period, unit=self.unit_b, user=self.liaison_b,
        )  # fmt: skip
        tick(at(DUE + dt.timedelta(days=5)))
        self.assertNotIn("区发改委", [u for kind, u, _ in self.said() if kind in ("after", "escalate")])
        self.assertIn(("after", "区科技局", ""), self.said())

    def test_the_ladder_is_a_setting_of_the_government(self) -> None:
        Ladder.objects.create(government=self.gov, before_days=7, after_days="2", escalate_after_days=10)
        tick(at(DUE - dt.timedelta(days=6)))
        self.assertIn("before", {k for k, _, _ in self.said()})
        tick(at(DUE + dt.timedelta(days=1)))
        self.assertNotIn("after", {k for k, _, _ in self.said()})
        tick(at(DUE + dt.timedelta(days=5)))
        self.assertIn("after", {k for k, _, _ in self.said()})
        self.assertNotIn("escalate", {k for k, _, _ in self.said()})

    def test_an_approved_extension_moves_the_units_due_date(self) -> None:
        UnitRequest.objects.create(
            government=self.gov, kind="extend", unit=self.unit_b, task=self.task_b, period=self.period, reason="数据未出",
            wanted_due=DUE + dt.timedelta(days=20), asked_by=self.liaison_b, state="approved",
        )  # fmt: skip
        UnitRequest.objects.create(
            government=self.gov, kind="extend", unit=self.unit_b, task=self.task_street, period=self.period,
            reason="数据未出", wanted_due=DUE + dt.timedelta(days=20), asked_by=self.liaison_b, state="approved",
        )  # fmt: skip
        tick(at(DUE + dt.timedelta(days=5)))
        self.assertNotIn("区发改委", [u for kind, u, _ in self.said() if kind in ("after", "escalate")])

    def test_a_task_judged_behind_gets_the_ladder_from_the_day_it_was_judged(self) -> None:
        from luoshi_web.reporting import services

        short = "1-11月份有效发明专利拥有量9000件。1-11月份PCT专利申请量120件。"
        services.submit(
            [services.Submission(self.task_a, short, "否", services.read_figures(short, self.period), 0)],
            period=self.period, unit=self.unit_a, user=self.liaison_a,
        )  # fmt: skip
        head_a = User.objects.create_user(
            "head_a", role=User.LIAISON, government=self.gov, unit=self.unit_a, is_unit_head=True
        )
        tick(at(dt.date.today() if False else timezone.localdate()))
        self.assertIn(("behind", "区科技局", ""), self.said())
        tick(at(timezone.localdate() + dt.timedelta(days=7)))
        self.assertIn(("behind_escalate", "区科技局", head_a.username), self.said())

    def test_the_weekly_digest_tells_the_office_who_is_late_what_lags_and_what_waits(self) -> None:
        monday = DUE + dt.timedelta(days=7 - DUE.weekday())  # the first Monday after the due date
        tick(at(monday))
        (digest,) = Reminder.objects.filter(kind="digest", government=self.gov)
        self.assertEqual(digest.recipient, self.office)
        self.assertIn("逾期未报的单位2家", digest.message)
        self.assertIn("区发改委（2项）", digest.message)
        tick(at(monday, 15))
        self.assertEqual(Reminder.objects.filter(kind="digest", government=self.gov).count(), 1)

    def test_every_reminder_the_scheduler_makes_is_audited(self) -> None:
        tick(at(DUE + dt.timedelta(days=3)))
        self.assertEqual(AuditEvent.objects.filter(action="remind-auto").count(), Reminder.objects.count())


class ChannelTests(LoopTestCase):
    @override_settings(EMAIL_HOST="mail.example.invalid", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    def test_reminders_go_out_by_e_mail_to_the_liaison_and_escalations_to_the_head(self) -> None:
        tick(at(DUE + dt.timedelta(days=3)))
        run_jobs()
        to = sorted(addr for m in mail.outbox for addr in m.to)
        self.assertIn("liaison_b@example.gov.cn", to)
        self.assertIn("head_b@example.gov.cn", to)
        self.assertTrue(all(m.subject.startswith("【落实】") for m in mail.outbox))
        self.assertFalse(Reminder.objects.filter(delivered_at__isnull=True).exists())

    def test_a_reminder_is_sent_once_whatever_the_retries(self) -> None:
        tick(at(DUE + dt.timedelta(days=1)))
        reminder = Reminder.objects.filter(kind="after").first()
        with mock.patch("luoshi_web.review.webhook.push", return_value="已推送到群机器人") as push:
            delivery.deliver.enqueue(reminder.pk)  # a retry of the same delivery
            delivery.deliver.enqueue(reminder.pk)
            run_jobs()
            texts = [c.args[0] for c in push.call_args_list]
        self.assertEqual(len([t for t in texts if reminder.message in t]), 1)

    def test_a_worker_killed_mid_job_loses_no_reminder(self) -> None:
        tick(at(DUE + dt.timedelta(days=1)))
        reminder = Reminder.objects.filter(kind="after").first()
        # The worker took the job and claimed the reminder, then died before sending: the job row stays
        # "running" for ever and the reminder undelivered.
        from django_tasks_db.models import DBTaskResult

        job = DBTaskResult.objects.filter(args_kwargs__args=[reminder.pk]).get()
        job.claim("dead-worker")
        Reminder.objects.filter(pk=reminder.pk).update(claimed_at=timezone.now(), attempts=1)
        Reminder.objects.exclude(pk=reminder.pk).update(delivered_at=timezone.now())
        with mock.patch("luoshi_web.review.webhook.push", return_value="已推送到群机器人") as push:
            run_jobs()
            self.assertEqual(push.call_count, 0)  # nothing to run: the job is "running"
            tick(at(DUE + dt.timedelta(days=1), 10))  # within the lease: not handed out again
            run_jobs()
            self.assertEqual(push.call_count, 0)
            later = timezone.now() + dt.timedelta(hours=1)
            with mock.patch("django.utils.timezone.now", return_value=later):
                self.assertEqual(delivery.requeue_stale(later), 1)
                run_jobs()
            self.assertEqual(push.call_count, 1)
        self.assertIsNotNone(Reminder.objects.get(pk=reminder.pk).delivered_at)


class NoticeFlowTests(LoopTestCase):
    def test_a_notice_is_issued_signed_for_replied_to_and_closed_each_step_audited(self) -> None:
        self.login(self.office)
        response = self.client.post(
            reverse("supervision:notice_create"),
            {
                "task": self.task_b.pk,
                "unit": self.unit_b.pk,
                "period": self.period.pk,
                "reason": "进度滞后于序时进度",
                "reply_by": "2099-01-20",
            },
        )
        notice = Notice.objects.get()
        self.assertRedirects(response, reverse("supervision:notice", args=[notice.pk]), fetch_redirect_response=False)
        self.assertEqual(notice.number, f"督办〔{timezone.localdate().year}〕1号")
        self.assertIn(("notice", "区发改委", ""), self.said())
        self.login(self.liaison_b)
        page = self.client.get(reverse("supervision:notice", args=[notice.pk]))
        self.assertContains(page, "签收")
        self.client.post(
            reverse("supervision:notice_act", args=[notice.pk]), {"action": "sign", "version": notice.version}
        )
        notice.refresh_from_db()
        self.assertEqual((notice.state, notice.signed_by), (Notice.SIGNED, self.liaison_b))
        self.client.post(
            reverse("supervision:notice_act", args=[notice.pk]),
            {
                "action": "reply",
                "version": notice.version,
                "measures": "倒排工期，每周调度。",
                "expected_on": "2099-03-31",
            },
        )
        notice.refresh_from_db()
        self.assertEqual((notice.state, notice.expected_on), (Notice.REPLIED, dt.date(2099, 3, 31)))
        self.assertIn(("notice", "", "office"), self.said())
        self.login(self.office)
        self.client.post(
            reverse("supervision:notice_act", args=[notice.pk]),
            {"action": "close", "version": notice.version, "note": "措施可行。"},
        )
        notice.refresh_from_db()
        self.assertEqual(notice.state, Notice.CLOSED)
        actions = list(
            AuditEvent.objects.filter(model="supervision.notice").order_by("id").values_list("action", flat=True)
        )
        self.assertEqual(actions, ["notice-issue", "notice-sign", "notice-reply", "notice-close"])
        docx = self.client.get(reverse("supervision:notice_download", args=[notice.pk, "txt"]))
        text = docx.content.decode()
        self.assertIn(notice.number, text)
        self.assertIn("倒排工期，每周调度。", text)

    def test_numbers_run_on_within_the_year_and_a_stale_step_changes_nothing(self) -> None:
        self.login(self.office)
        for _ in range(2):
            self.client.post(
                reverse("supervision:notice_create"),
                {"task": self.task_b.pk, "unit": self.unit_b.pk, "reason": "滞后", "reply_by": "2099-01-20"},
            )
        self.assertEqual(sorted(Notice.objects.values_list("serial", flat=True)), [1, 2])
        notice = Notice.objects.get(serial=1)
        self.login(self.liaison_b)
        self.client.post(
            reverse("supervision:notice_act", args=[notice.pk]), {"action": "sign", "version": notice.version}
        )
        self.client.post(
            reverse("supervision:notice_act", args=[notice.pk]), {"action": "sign", "version": notice.version}
        )
        self.assertEqual(AuditEvent.objects.filter(action="notice-sign").count(), 1)

    def test_escalating_a_notice_tells_the_head_and_the_leader(self) -> None:
        self.login(self.office)
        self.client.post(
            reverse("supervision:notice_create"),
            {"task": self.task_b.pk, "unit": self.unit_b.pk, "reason": "滞后", "reply_by": "2099-01-20"},
        )
        notice = Notice.objects.get()
        self.client.post(
            reverse("supervision:notice_act", args=[notice.pk]),
            {"action": "escalate", "version": notice.version, "note": "逾期未回复"},
        )
        self.assertEqual(Notice.objects.get().state, Notice.ESCALATED)
        recipients = sorted(r for kind, _, r in self.said() if kind == "notice" and r)
        self.assertEqual(recipients, ["head_b", "leader"])

    def test_a_notice_not_replied_by_its_deadline_is_chased(self) -> None:
        self.login(self.office)
        self.client.post(
            reverse("supervision:notice_create"),
            {
                "task": self.task_b.pk,
                "unit": self.unit_b.pk,
                "reason": "滞后",
                "reply_by": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
            },
        )
        tick(at(timezone.localdate() + dt.timedelta(days=3)))
        self.assertTrue(Reminder.objects.filter(key__startswith="notice-overdue:").exists())


class RequestTests(LoopTestCase):
    def test_a_unit_returns_a_task_that_is_not_theirs_and_the_office_approves(self) -> None:
        self.login(self.liaison_b)
        self.client.post(
            reverse("supervision:request_create"),
            {"task": self.task_b.pk, "kind": "return", "reason": "属区住建局职责"},
        )
        item = UnitRequest.objects.get()
        self.assertIn(("request", "", "office"), self.said())
        self.login(self.office)
        self.client.post(
            reverse("supervision:request_decide", args=[item.pk]), {"decision": "approve", "note": "同意，另行交办。"}
        )
        self.assertFalse(self.task_b.assignments.filter(unit=self.unit_b).exists())
        self.assertEqual(
            list(
                AuditEvent.objects.filter(action__in=["request-return", "request-approve", "unassign"])
                .order_by("id")
                .values_list("action", flat=True)
            ),
            ["request-return", "unassign", "request-approve"],
        )

    def test_an_extension_must_move_the_date_later_and_a_refusal_is_told(self) -> None:
        self.login(self.liaison_b)
        self.client.post(
            reverse("supervision:request_create"),
            {
                "task": self.task_b.pk,
                "kind": "extend",
                "period": self.period.pk,
                "reason": "x",
                "wanted_due": "2021-01-01",
            },
        )
        self.assertFalse(UnitRequest.objects.exists())
        self.client.post(
            reverse("supervision:request_create"),
            {
                "task": self.task_b.pk,
                "kind": "extend",
                "period": self.period.pk,
                "reason": "统计数据未出",
                "wanted_due": "2022-02-01",
            },
        )
        item = UnitRequest.objects.get()
        self.login(self.office)
        self.client.post(
            reverse("supervision:request_decide", args=[item.pk]), {"decision": "refuse", "note": "按期报送。"}
        )
        self.assertEqual(UnitRequest.objects.get().state, "refused")
        self.assertTrue(Reminder.objects.filter(unit=self.unit_b, kind="request", message__contains="不同意").exists())


class InboxTests(LoopTestCase):
    def test_the_leader_sees_the_escalations_addressed_to_them(self) -> None:
        tick(at(DUE + dt.timedelta(days=3)))
        self.login(self.leader)
        page = self.client.get(reverse("review:reminders"))
        self.assertContains(page, "逾期升级")
        self.assertContains(page, "区发改委")
        self.login(self.liaison_a)
        self.assertNotContains(self.client.get(reverse("review:reminders")), "逾期升级")


class ConcurrentTickTests(TransactionTestCase):
    """Two scheduler runs at the same moment store and enqueue each reminder once (PostgreSQL: real parallel writers)."""

    def test_two_ticks_at_once_send_nothing_twice(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("parallel writers need PostgreSQL, not the in-memory test database")
        make_world(self)
        self.period.due = DUE  # type: ignore[attr-defined]
        self.period.save()  # type: ignore[attr-defined]
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def run() -> None:
            try:
                barrier.wait()
                tick(at(DUE + dt.timedelta(days=3)))
            except BaseException as exc:
                errors.append(exc)
            finally:
                close_old_connections()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        from django_tasks_db.models import DBTaskResult

        keys = list(Reminder.objects.values_list("key", flat=True))
        self.assertEqual(len(keys), len(set(keys)))
        deliveries = DBTaskResult.objects.filter(task_path__endswith="deliver").count()
        self.assertEqual(deliveries, len(keys))


class TickCommandTests(LoopTestCase):
    def test_tick_runs_the_scheduler_once_for_the_time_it_is_told(self) -> None:
        import contextlib
        import io

        from luoshi_web.__main__ import main

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            self.assertEqual(main(["tick", "--now", (DUE + dt.timedelta(days=3)).isoformat() + "T09:00"]), 0)
            self.assertEqual(main(["tick", "--now", (DUE + dt.timedelta(days=3)).isoformat() + "T10:00"]), 0)
        first, second = out.getvalue().splitlines()
        self.assertIn("2022-01-13", first)
        self.assertNotIn("新提醒 0 条", first)
        self.assertIn("新提醒 0 条", second)
        self.assertTrue(Reminder.objects.filter(kind="escalate").exists())

    def test_a_bad_time_is_refused_in_chinese(self) -> None:
        import contextlib
        import io

        from luoshi_web.__main__ import main

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual(main(["tick", "--now", "明天"]), 2)
        self.assertIn("--now 应为", err.getvalue())
