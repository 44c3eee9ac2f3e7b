"""Walking parsed JSON: every key and every plain value, with its path, without recursion."""

from __future__ import annotations

from collections.abc import Iterator


def leaves(document: object) -> Iterator[tuple[str, object]]:
    """``(path, item)`` for every key and every non-container value, in document order.

    Paths read like the loader's field names (``stack.layers[1].label``); a key is reported at
    its own path. Iterative, so a deeply nested document costs no Python stack.
    """
    pending: list[tuple[object, str]] = [(document, "")]
    while pending:
        item, where = pending.pop()
        if isinstance(item, dict):
            for key, inner in reversed(item.items()):
                at = f"{where}.{key}" if where else str(key)
                pending.append((inner, at))
                pending.append((key, at))
        elif isinstance(item, list):
            pending.extend((inner, f"{where}[{i}]") for i, inner in reversed(list(enumerate(item))))
        else:
            yield where or "(top level)", item
