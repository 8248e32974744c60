"""The password policy (等保三级: length and character classes, configurable) and temporary passwords that meet it."""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

CLASSES = (
    ("小写字母", string.ascii_lowercase),
    ("大写字母", string.ascii_uppercase),
    ("数字", string.digits),
    ("符号", "!@#$%*-_=+?"),  # none that a page or a message would escape or that reads ambiguously
)


def classes_in(password: str) -> int:
    """How many character classes ``password`` uses (a character outside the four counts as a symbol)."""
    found = {name for name, chars in CLASSES[:3] if any(c in chars for c in password)}
    if any(not c.isascii() or not c.isalnum() for c in password):
        found.add("符号")
    return len(found)


class CharacterClassesValidator:
    """At least ``min_classes`` of lower case, upper case, digits and symbols (LUOSHI_PASSWORD_CLASSES, default 3)."""

    def __init__(self, min_classes: int | None = None) -> None:
        self.min_classes = min_classes if min_classes is not None else settings.LUOSHI_PASSWORD_CLASSES

    def validate(self, password: str, user: Any = None) -> None:
        if classes_in(password) < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。",
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。"


def temporary_password() -> str:
    """A random password meeting the policy: every class, at least the configured length (and 12)."""
    length = max(12, settings.LUOSHI_PASSWORD_MIN_LENGTH)
    alphabet = "".join(chars for _, chars in CLASSES)
    while True:
        # One of each class, the rest from all of them, shuffled.
        picked = [secrets.choice(chars) for _, chars in CLASSES]
        picked += [secrets.choice(alphabet) for _ in range(length - len(picked))]
        secrets.SystemRandom().shuffle(picked)
        password = "".join(picked)
        if classes_in(password) == len(CLASSES):
            return password
