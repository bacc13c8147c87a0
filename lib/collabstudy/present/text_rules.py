"""What a text template may and may not do (present.text's rules), checked on its source: the test suite
runs `rule_breaks` over every template in templates/rapporttext/.
"""

from __future__ import annotations

from jinja2 import nodes

from .text import environment

# What a template may compare a value with: the verdicts' values and the few kinds params name.
KNOWN_LITERALS = {
    "met", "not_met", "undecided", "shown", "not_shown", "up", "down", "unclear", "same", "not_possible",
    "single", "tie", "none", "open", "above", "below", "around", "reached", "short", "times", "more", "fewer",
    "reliable", "tentative", "unreliable", "rating", "choice", "sek", "number", "gain", "challenge", "lesson",
    "improvement", "fa_paid", "main",
}  # fmt: skip


def rule_breaks(source: str, name: str = "<mall>") -> list[str]:
    """What a template does that it must not (the module's rules): compare or compute numbers (<, >, +, −,
    *, /, %, **), compare two values other than two verdicts' (`a.value == b.value`), or compare with a word
    that is no verdict's value (a typo would silently never match)."""
    tree = environment().parse(source, name=name)
    found = []
    for node in tree.find_all((nodes.Compare, nodes.BinExpr, nodes.UnaryExpr)):
        if isinstance(node, (nodes.And, nodes.Or)):
            continue
        if isinstance(node, nodes.BinExpr):
            found.append(f"{name} rad {node.lineno}: räknar ({node.operator})")
            continue
        if isinstance(node, nodes.UnaryExpr):
            if node.operator == "not":
                continue
            found.append(f"{name} rad {node.lineno}: räknar ({node.operator})")
            continue
        for operand in node.ops:
            if operand.op in ("lt", "gt", "lteq", "gteq"):
                found.append(f"{name} rad {node.lineno}: jämför tal ({operand.op})")
            elif operand.op in ("eq", "ne"):
                sides = [node.expr, operand.expr]
                words = [s.value for s in sides if isinstance(s, nodes.Const) and isinstance(s.value, str)]
                verdicts = all(isinstance(s, nodes.Getattr) and s.attr == "value" for s in sides)
                if not words and not verdicts:
                    found.append(f"{name} rad {node.lineno}: jämför två värden, inte ett värde med ett ord")
                found += [f"{name} rad {node.lineno}: okänt ord '{w}'" for w in words if w not in KNOWN_LITERALS]
    return found
