"""luoshi (落实): read a government's planning documents, judge completion, issue its reports.

The core never imports Django. Programs built on it — the web app above all — use only the names
below, the core's public entry points (a project rule checks that ``luoshi_web`` imports nothing
deeper); the packages behind them may be rearranged freely. Names are imported on first use, so
``import luoshi`` stays cheap for the command line.

- documents: ``parse_file``, ``parse_bytes`` (→ ``Plan``), ``plan_to_dict`` (the JSON contract),
  ``reported_figures`` (a report's figures, each with the clause stating it);
- drafting: ``draft_bytes`` (a work report → next year's draft plan), ``build_model`` (a government's
  ``SuggestModel`` from its earlier plans), ``suggest_units`` (one task's ``Suggestions``),
  ``suggestions_to_dict``;
- figures: ``observations_from_text`` (reported figures in a progress text);
- verdicts: ``judge_task``, ``judge_plan``, ``part_verdicts``, ``printed_verdicts``;
- reports: ``REPORTS``, ``get_report``, ``ReportRequest``, ``SupervisionDetails``, ``CONTENT_TYPES``,
  ``FORMAT_LABELS``, ``progress_notice`` (a 督查通报's figures and lists, for a page);
- units' files: ``read_unit_file``, ``UnitTask``, ``unit_tasks``;
- matching: ``match_tasks``, ``match_observations``;
- progress from another document: ``apply_progress_document`` (→ ``Application`` of ``Placement``:
  matched, offered to confirm, unmatched);
- unit names: ``tidy_name``, ``clean_name``, ``unit_key``, ``same_unit``, ``split_units``,
  ``is_collective``, ``guess_kind``, ``guess_member_kind``, ``distinct_units``;
- the model: ``Plan``, ``Part``, ``Task``, ``Indicator``, ``Observation``, ``TaskVerdict``,
  ``IndicatorVerdict``, ``Source``, ``VERDICT_LABELS``; and ``LuoshiError``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from luoshi import compiled as _compiled

# The reading path compiled by mypyc, where built and current (see luoshi.compiled): installed before
# any of its modules can be imported.
_compiled.install()

__version__ = "0.1.0"

# name → (module, attribute): the public entry points and where they live.
_PUBLIC: dict[str, tuple[str, str]] = {
    "parse_file": ("luoshi.documents", "parse_file"),
    "parse_bytes": ("luoshi.documents", "parse_bytes"),
    "plan_to_dict": ("luoshi.contract", "plan_to_dict"),
    "reported_figures": ("luoshi.documents", "reported_figures"),
    "draft_bytes": ("luoshi.documents", "draft_bytes"),
    "build_model": ("luoshi.suggest", "build_model"),
    "suggest_units": ("luoshi.suggest", "suggest"),
    "suggestions_to_dict": ("luoshi.contract", "suggestions_to_dict"),
    "SuggestModel": ("luoshi.suggest", "Model"),
    "Suggestions": ("luoshi.model", "Suggestions"),
    "observations_from_text": ("luoshi.quantities.observations", "to_observations"),
    "judge_task": ("luoshi.judge", "judge_task"),
    "judge_plan": ("luoshi.judge", "judge_plan"),
    "part_verdicts": ("luoshi.judge.parts", "part_verdicts"),
    "printed_verdicts": ("luoshi.judge.parts", "printed_verdicts"),
    "REPORTS": ("luoshi.reports", "REPORTS"),
    "get_report": ("luoshi.reports", "get_report"),
    "ReportRequest": ("luoshi.reports", "ReportRequest"),
    "progress_notice": ("luoshi.reports.notice", "notice"),
    "SupervisionDetails": ("luoshi.reports", "SupervisionDetails"),
    "summary_figures": ("luoshi.reports.summary", "summary_figures"),
    "CONTENT_TYPES": ("luoshi.reports", "CONTENT_TYPES"),
    "FORMAT_LABELS": ("luoshi.reports", "FORMAT_LABELS"),
    "read_unit_file": ("luoshi.intake", "read_unit_file"),
    "UnitTask": ("luoshi.intake", "UnitTask"),
    "unit_tasks": ("luoshi.intake", "unit_tasks"),
    "match_tasks": ("luoshi.match", "match_tasks"),
    "apply_progress_document": ("luoshi.apply", "apply_document"),
    "Application": ("luoshi.apply", "Application"),
    "Placement": ("luoshi.apply", "Placement"),
    "match_observations": ("luoshi.match", "match_observations"),
    "tidy_name": ("luoshi.unit_names", "tidy_name"),
    "clean_name": ("luoshi.unit_names", "clean_name"),
    "unit_key": ("luoshi.unit_names", "unit_key"),
    "same_unit": ("luoshi.unit_names", "same_unit"),
    "split_units": ("luoshi.unit_names", "split_units"),
    "is_collective": ("luoshi.unit_names", "is_collective"),
    "guess_kind": ("luoshi.unit_names", "guess_kind"),
    "guess_member_kind": ("luoshi.unit_names", "guess_member_kind"),
    "distinct_units": ("luoshi.unit_names", "distinct_units"),
    "Plan": ("luoshi.model", "Plan"),
    "Part": ("luoshi.model", "Part"),
    "Task": ("luoshi.model", "Task"),
    "Indicator": ("luoshi.model", "Indicator"),
    "Observation": ("luoshi.model", "Observation"),
    "TaskVerdict": ("luoshi.model", "TaskVerdict"),
    "IndicatorVerdict": ("luoshi.model", "IndicatorVerdict"),
    "Source": ("luoshi.model", "Source"),
    "VERDICT_LABELS": ("luoshi.model", "VERDICT_LABELS"),
    "LuoshiError": ("luoshi.errors", "LuoshiError"),
}

__all__ = [
    "CONTENT_TYPES",
    "FORMAT_LABELS",
    "REPORTS",
    "VERDICT_LABELS",
    "Application",
    "Indicator",
    "IndicatorVerdict",
    "LuoshiError",
    "Observation",
    "Part",
    "Placement",
    "Plan",
    "ReportRequest",
    "Source",
    "SuggestModel",
    "Suggestions",
    "SupervisionDetails",
    "Task",
    "TaskVerdict",
    "UnitTask",
    "__version__",
    "apply_progress_document",
    "build_model",
    "clean_name",
    "distinct_units",
    "draft_bytes",
    "get_report",
    "guess_kind",
    "guess_member_kind",
    "is_collective",
    "judge_plan",
    "judge_task",
    "match_observations",
    "match_tasks",
    "observations_from_text",
    "parse_bytes",
    "parse_file",
    "part_verdicts",
    "plan_to_dict",
    "printed_verdicts",
    "progress_notice",
    "read_unit_file",
    "reported_figures",
    "same_unit",
    "split_units",
    "suggest_units",
    "suggestions_to_dict",
    "summary_figures",
    "tidy_name",
    "unit_key",
    "unit_tasks",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562) and keep it."""
    try:
        module, attribute = _PUBLIC[name]
    except KeyError:
        raise AttributeError(f"module 'luoshi' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # what the names are, for type checkers; at run time they come from __getattr__
    from luoshi.apply import Application, Placement
    from luoshi.apply import apply_document as apply_progress_document
    from luoshi.contract import plan_to_dict, suggestions_to_dict
    from luoshi.documents import draft_bytes, parse_bytes, parse_file, reported_figures
    from luoshi.errors import LuoshiError
    from luoshi.intake import UnitTask, read_unit_file, unit_tasks
    from luoshi.judge import judge_plan, judge_task
    from luoshi.judge.parts import part_verdicts, printed_verdicts
    from luoshi.match import match_observations, match_tasks
    from luoshi.model import (
        VERDICT_LABELS,
        Indicator,
        IndicatorVerdict,
        Observation,
        Part,
        Plan,
        Source,
        Suggestions,
        Task,
        TaskVerdict,
    )
    from luoshi.quantities.observations import to_observations as observations_from_text
    from luoshi.reports import (
        CONTENT_TYPES,
        FORMAT_LABELS,
        REPORTS,
        ReportRequest,
        SupervisionDetails,
        get_report,
    )
    from luoshi.reports.notice import notice as progress_notice
    from luoshi.reports.summary import summary_figures
    from luoshi.suggest import Model as SuggestModel
    from luoshi.suggest import build_model
    from luoshi.suggest import suggest as suggest_units
    from luoshi.unit_names import (
        clean_name,
        distinct_units,
        guess_kind,
        guess_member_kind,
        is_collective,
        same_unit,
        split_units,
        tidy_name,
        unit_key,
    )
