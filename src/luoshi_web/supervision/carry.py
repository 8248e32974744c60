"""Open 督办单 for the draft's carry-over: a task with a notice not yet closed (销号) is offered again.

Answers the plans app's ``year_end`` signal (``plans.carry``) for the tasks of any earlier plan of the
government: an escalated notice is still open, a closed one says nothing.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from luoshi_web.plans.carry import NOTICE, Standing, year_end
from luoshi_web.plans.models import Plan
from luoshi_web.supervision.models import Notice
from luoshi_web.units.models import Government


@receiver(year_end, dispatch_uid="supervision-open-notices")
def open_notices(sender: Any, government: Government, year: int, last: int | None, **kwargs: Any) -> list[Standing]:
    notices = (
        Notice.objects.filter(government=government, task__plan__government=government, task__plan__year__lt=year)
        .exclude(state=Notice.CLOSED)
        .exclude(task__plan__state=Plan.ARCHIVED)
        .filter(task__withdrawn=False)
        .select_related("unit")
        .order_by("year", "serial")
    )
    return [
        Standing(n.task_id, False, f"{n.number}（{n.unit.name}）{n.get_state_display()}，未销号", NOTICE)
        for n in notices
    ]
