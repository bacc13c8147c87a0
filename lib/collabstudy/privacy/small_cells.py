"""Small cells: a count of a few respondents can point at a person, so it is marked or hidden."""

from __future__ import annotations


def suppressed(counts: list[int], threshold: int) -> list[bool]:
    """Cells to hide in a group whose total is known: every small cell, and, if only one is small,
    also the next smallest, so that the hidden one cannot be worked out from the total."""
    hide = [0 < c < threshold for c in counts]
    if sum(hide) == 1 and len(counts) > 1:
        others = [i for i, h in enumerate(hide) if not h]
        hide[min(others, key=lambda i: counts[i])] = True
    return hide
