"""The API's JSON, written by orjson, carries the values JsonResponse wrote: Chinese as it is, Django's dates."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from luoshi_web.api.views import json_response
from luoshi_web.test import BaseTestCase


def test_every_value_is_written_as_the_standard_encoder_with_djangos_wrote_it() -> None:
    data = {
        "title": "鼓楼区2021年政府工作报告重点任务",
        "due": dt.date(2021, 7, 10),
        "at": dt.datetime(2021, 7, 10, 9, 30, 5, 123456, tzinfo=dt.UTC),
        "amount": Decimal("12.50"),
        "by_id": {3: "三", 4: None},
        "values": [1, 2.5, True, None],
    }
    response = json_response(data, status=201)
    assert (response.status_code, response["Content-Type"]) == (201, "application/json")
    assert "鼓楼区".encode() in response.content  # not \\u escapes
    assert json.loads(response.content) == json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


class ApiJsonTests(BaseTestCase):
    def test_an_api_list_and_an_api_error_are_utf8_json(self) -> None:
        self.login(self.office)
        plans = self.client.get(reverse("api:plans"))
        self.assertEqual(plans["Content-Type"], "application/json")
        self.assertIn(self.plan.title.encode(), plans.content)
        self.assertEqual(plans.json()["results"][0]["periods"][0]["end"], self.period.end.isoformat())
        bad = self.client.get(reverse("api:plans"), {"limit": "0"})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("参数不正确".encode(), bad.content)
