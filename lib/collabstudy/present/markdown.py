"""Text from data placed in Markdown: shown as written, never run or read as markup."""

from __future__ import annotations

import html
import re


def safe(text: str) -> str:
    """Data text for Markdown: markup escaped (shown, never run) and Markdown's own signs neutralised."""
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", html.escape(str(text), quote=False))
