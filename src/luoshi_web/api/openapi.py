"""The API's OpenAPI 3.1 description, written by hand next to the views it describes.

A test checks that every route of ``luoshi_web.api.urls`` is described here and that each
described response key appears in what the view returns.
"""

from __future__ import annotations

from typing import Any

STR = {"type": "string"}
INT = {"type": "integer"}
BOOL = {"type": "boolean"}
NUM_OR_NULL = {"type": ["number", "null"]}
STR_OR_NULL = {"type": ["string", "null"]}
STRS = {"type": "array", "items": STR}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def listing(item: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["total", "limit", "offset", "results"],
        "properties": {
            "total": INT,
            "limit": INT,
            "offset": INT,
            "results": {"type": "array", "items": ref(item)},
            **extra,
        },
    }


# A task as the list and the detail endpoints both give it; they differ only in its status(es).
_TASK_REQUIRED = ["id", "plan", "number", "text", "lead", "co", "indicators"]
_TASK_FIELDS: dict[str, Any] = {
    "id": INT,
    "plan": INT,
    "number": STR,
    "section": STR_OR_NULL,
    "text": STR,
    "target": STR_OR_NULL,
    "deadline": STR_OR_NULL,
    "lead": {**STRS, "description": "主办单位"},
    "co": {**STRS, "description": "协办单位"},
    "indicators": {"type": "array", "items": ref("Indicator")},
}

SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {**STR, "description": "中文说明"}}},
    "Period": {
        "type": "object",
        "required": ["id", "name", "kind", "start", "end", "due", "closed"],
        "properties": {
            "id": INT,
            "name": STR,
            "kind": {"enum": ["month", "quarter", "half", "year", "other"]},
            "start": {"type": "string", "format": "date"},
            "end": {"type": "string", "format": "date"},
            "due": {"type": "string", "format": "date"},
            "closed": BOOL,
        },
    },
    "Plan": {
        "type": "object",
        "required": ["id", "government", "year", "title", "kind", "tasks", "revision", "periods"],
        "properties": {
            "id": INT,
            "government": STR,
            "year": INT,
            "title": STR,
            "kind": STR,
            "tasks": {**INT, "description": "任务数"},
            "revision": INT,
            "periods": {"type": "array", "items": ref("Period")},
        },
    },
    "PlanDetail": {
        "type": "object",
        "required": ["id", "government", "year", "title", "kind", "source", "revision", "parts", "periods", "tasks"],
        "properties": {
            "id": INT,
            "government": STR,
            "year": INT,
            "title": STR,
            "kind": STR,
            "source": {"type": "object", "properties": {"name": STR, "sha256": STR, "format": STR}},
            "revision": INT,
            "parts": {
                "type": "array",
                "items": {"type": "object", "properties": {"title": STR, "kind": STR, "sections": STRS}},
            },
            "periods": {"type": "array", "items": ref("Period")},
            "tasks": {**STR, "description": "任务列表的地址"},
        },
    },
    "Indicator": {
        "type": "object",
        "properties": {
            "metric": STR_OR_NULL,
            "kind": STR,
            "comparator": {"enum": [">=", ">", "<=", "<", "=", "~", "==0", None]},
            "value": NUM_OR_NULL,
            "unit": STR_OR_NULL,
            "text": STR,
            "external": BOOL,
        },
    },
    "Summary": {
        "type": "object",
        "description": "执行情况小结的数字（与下载的小结同源）：总数、已报送、未报送（不计入比率）、完成或达序数及比率",
        "required": ["title", "headline", "total", "reported", "unreported", "on_track", "rate_pct"],
        "properties": {
            "title": STR,
            "headline": STR,
            "sign_note": STR,
            "total": INT,
            "reported": INT,
            "unreported": INT,
            "on_track": INT,
            "rate_pct": {"type": "number"},
            "done": INT,
            "deemed_done": INT,
            "partly_done": INT,
            "not_done": INT,
            "review": INT,
            "behind_whole": INT,
            "behind_partial": INT,
            "signed": INT,
            "proposed": INT,
        },
    },
    "Status": {
        "type": "object",
        "required": [
            "period",
            "state",
            "light",
            "verdict",
            "signed",
            "reasons",
            "rule",
            "disagreement",
            "behind",
            "version",
        ],
        "properties": {
            "period": INT,
            "state": {"enum": ["missing", "submitted", "signed"]},
            "light": {"enum": ["green", "yellow", "red", "grey"], "description": "红黄绿灯"},
            "verdict": {"enum": ["done", "partly_done", "not_done", "deemed_done", "unknown", None]},
            "signed": {**BOOL, "description": "政府办已审核签发"},
            "source": {
                "enum": ["judge", "signoff", "override", None],
                "description": "结论来源：judge 系统研判（建议）、signoff 审核确认、override 审核改判",
            },
            "proposal": {**BOOL, "description": "结论为系统研判建议，尚待审核确认"},
            "evidence": {**STR, "description": "结论所依据的进展原文"},
            "reasons": STRS,
            "rule": STR,
            "claimed_status": STR,
            "disagreement": BOOL,
            "behind": BOOL,
            "version": INT,
        },
    },
    "Task": {
        "type": "object",
        "required": [*_TASK_REQUIRED, "status"],
        "properties": {**_TASK_FIELDS, "status": {"oneOf": [ref("Status"), {"type": "null"}]}},
    },
    "TaskDetail": {
        "type": "object",
        "required": [*_TASK_REQUIRED, "statuses"],
        "properties": {**_TASK_FIELDS, "statuses": {"type": "array", "items": ref("Status")}},
    },
    "Observation": {
        "type": "object",
        "properties": {
            "metric": STR_OR_NULL,
            "period": STR_OR_NULL,
            "value": NUM_OR_NULL,
            "unit": STR_OR_NULL,
            "growth_pct": NUM_OR_NULL,
            "forecast": BOOL,
            "text": STR,
            "corrected": {**BOOL, "description": "联络员更正过系统读出的数"},
        },
    },
    "Entry": {
        "type": "object",
        "required": ["id", "period", "unit", "role", "version", "text", "observations"],
        "properties": {
            "id": INT,
            "period": INT,
            "unit": STR,
            "role": {"enum": ["lead", "co"]},
            "version": INT,
            "supersedes": {"type": ["integer", "null"]},
            "author": STR_OR_NULL,
            "submitted_at": {"type": "string", "format": "date-time"},
            "text": STR,
            "claimed_status": STR_OR_NULL,
            "source": {"enum": ["form", "file", "template", "import"]},
            "note": STR,
            "observations": {"type": "array", "items": ref("Observation")},
            "attachments": STRS,
        },
    },
    "StatusRow": {
        "allOf": [ref("Status"), {"type": "object", "properties": {"task": INT, "number": STR}}],
    },
    "Unit": {
        "type": "object",
        "required": ["id", "government", "name", "kind", "active", "aliases"],
        "properties": {"id": INT, "government": STR, "name": STR, "kind": STR, "active": BOOL, "aliases": STRS},
    },
}

PAGING = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 200, "minimum": 1, "maximum": 1000}},
    {"name": "offset", "in": "query", "schema": {"type": "integer", "default": 0, "minimum": 0}},
]
BAD_REQUEST = {
    "400": {
        "description": "查询参数不正确（limit 不在 1–1000 之间、offset 为负数，或不是整数）",
        "content": {"application/json": {"schema": ref("Error")}},
    }
}
ERRORS = {
    "401": {
        "description": "未登录，或令牌无效、已过期、已撤销（响应头 WWW-Authenticate 说明原因）",
        "content": {"application/json": {"schema": ref("Error")}},
    },
    "403": {"description": "角色无权访问", "content": {"application/json": {"schema": ref("Error")}}},
    "404": {
        "description": "不存在或无权查看（联络员看不到其他单位的任务），或路径中的编号不是整数",
        "content": {"application/json": {"schema": ref("Error")}},
    },
    "429": {
        "description": "同一地址短时间内多次使用无效令牌，暂时拒绝（响应头 Retry-After 为需等待的秒数）",
        "content": {"application/json": {"schema": ref("Error")}},
    },
}

SECURITY_SCHEMES = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "ls_ 开头的随机字符串",
        "description": (
            "接口令牌：在网页“接口令牌”处创建（只显示一次），调用时带请求头 Authorization: Bearer <令牌>。"
            "令牌代表创建它的账号（或政府办为对接系统建立的服务账号），权限与该账号登录网页时相同；"
            "令牌可设有效期，可随时撤销。无效、过期或已撤销的令牌返回 401。"
        ),
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": "网页登录后的会话 Cookie（在浏览器中直接查看接口时使用）",
    },
}


def op(summary: str, schema: dict[str, Any], params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": params or [],
            "responses": {
                "200": {"description": "成功", "content": {"application/json": {"schema": schema}}},
                **(BAD_REQUEST if any(p["in"] == "query" for p in params or []) else {}),
                **ERRORS,
            },
        }
    }


def path_id(name: str = "id") -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": INT}


PERIOD_QUERY = {"name": "period", "in": "query", "schema": INT, "description": "附带该填报周期的状态"}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "落实 luoshi API",
            "version": "1",
            "description": (
                "方案、任务、状态与进展的只读接口，供其他政务系统读取。认证：接口令牌"
                "（请求头 Authorization: Bearer <令牌>），或网页登录后的会话 Cookie。"
                "权限与令牌所属账号登录网页时相同：联络员只能看到本单位主办或协办的任务，"
                "其他单位的任务返回 404；角色无权访问的接口返回 403。"
            ),
        },
        "servers": [{"url": "/"}],
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": SECURITY_SCHEMES,
        },
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/api/": op("接口目录", {"type": "object"}),
            "/api/openapi.json": op("本接口说明（OpenAPI 3.1）", {"type": "object"}),
            "/api/plans": op("可见的方案", listing("Plan"), PAGING),
            "/api/plans/{id}": op("方案详情", ref("PlanDetail"), [path_id()]),
            "/api/plans/{id}/tasks": op(
                "方案中可见的任务（可附带某周期的状态）",
                listing("Task", period={"type": ["integer", "null"]}),
                [path_id(), PERIOD_QUERY, *PAGING],
            ),
            "/api/tasks/{id}": op("任务详情及各周期状态", ref("TaskDetail"), [path_id()]),
            "/api/tasks/{id}/progress": op("任务的全部进展填报（含历史版本）", listing("Entry"), [path_id(), *PAGING]),
            "/api/periods/{id}/statuses": op(
                "某填报周期内可见任务的状态（政府办、领导另得全计划的小结数字）",
                listing("StatusRow", period=ref("Period"), summary={"oneOf": [ref("Summary"), {"type": "null"}]}),
                [path_id(), *PAGING],
            ),
            "/api/units": op("单位目录（政府办、领导）", listing("Unit"), PAGING),
        },
    }
