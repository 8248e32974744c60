"""Forms of the plans app: a reporting period."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from luoshi_web.plans.models import Period


class PeriodForm(forms.ModelForm):
    """A new reporting period: its name, the dates it covers and when reports are due."""

    class Meta:
        model = Period
        fields = ("name", "kind", "start", "end", "due")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "due": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data
