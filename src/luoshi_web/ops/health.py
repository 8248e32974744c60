"""``/healthz``: is this app process able to serve? (answers load balancers and monitoring, no login).

200 with ``{"status": "ok"}`` when the database answers a trivial query; 503 with the reason when it
does not. It reads nothing of anyone's data, so it needs no login.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": f"数据库无法连接：{type(exc).__name__}"},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse({"status": "ok", "database": "ok"})
