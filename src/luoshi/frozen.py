"""A faster ``__init__`` for the frozen dataclasses made once per paragraph, task and figure.

A frozen dataclass's own ``__init__`` sets each field through ``object.__setattr__`` (its
``__setattr__`` refuses assignment), a call per field: a plan of 10,000 tasks builds some 100,000
such objects, and their fields cost a tenth of reading it. ``quick_init`` gives the class an
``__init__`` of the same signature that writes the fields into the instance's ``__dict__``
directly, which is what ``object.__setattr__`` does. Everything else stays as the dataclass made
it: assignment still raises ``FrozenInstanceError``; equality, hashing, ``repr``, ``replace`` and
pickling are unchanged. Only for classes without ``__post_init__``, slots or default factories.
The instance then keeps its fields in a dict of its own, some 64 bytes more than the values CPython
keeps inline: the most numerous small objects (``Span``, ``Paragraph``) are slotted instead.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of frozen dataclass ``cls`` by one that fills ``__dict__`` at once."""
    fields = [f for f in dataclasses.fields(cls) if f.init]  # type: ignore[arg-type]
    assert not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__"), cls
    assert all(f.default_factory is dataclasses.MISSING and not f.kw_only for f in fields), cls
    defaults: dict[str, Any] = {f"_default_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING}
    params = ", ".join(f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}" for f in fields)
    body = "".join(f"\n    d[{f.name!r}] = {f.name}" for f in fields)
    namespace: dict[str, Any] = dict(defaults)
    exec(f"def __init__(self, {params}):\n    d = self.__dict__{body}", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
