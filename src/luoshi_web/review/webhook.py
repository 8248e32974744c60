"""Push a reminder to a DingTalk (钉钉) or WeCom (企业微信) group robot, when the office has set one up.

Both robots take ``{"msgtype": "text", "text": {"content": …}}`` and answer ``{"errcode": 0}``;
DingTalk's optional 加签 secret adds a timestamp and an HMAC-SHA256 signature to the URL.
A failed push never fails the reminder: it is recorded on the reminder for the office to see.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings


def signed_url(url: str, secret: str, now_ms: int | None = None) -> str:
    """DingTalk's signed robot URL: ``timestamp`` and ``sign`` = base64(HMAC-SHA256(f"{ts}\\n{secret}"))."""
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"


def push(text: str) -> str:
    """Send ``text`` to the configured robot; return what happened, in Chinese (empty when none is set)."""
    url = settings.LUOSHI_WEBHOOK_URL
    if not url:
        return ""
    if settings.LUOSHI_WEBHOOK_KIND == "dingtalk" and settings.LUOSHI_WEBHOOK_SECRET:
        url = signed_url(url, settings.LUOSHI_WEBHOOK_SECRET)
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=settings.LUOSHI_WEBHOOK_TIMEOUT) as response:
            answer = json.loads(response.read().decode("utf-8") or "{}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        return f"群机器人推送失败：{exc}"[:300]
    if answer.get("errcode", 0) != 0:
        return f"群机器人推送失败：{answer.get('errmsg', answer)}"[:300]
    return "已推送到群机器人"
