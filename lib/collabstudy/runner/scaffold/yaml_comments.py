"""Comments in a round-tripped YAML file: a few edits that keep every comment where a reader expects it.

ruamel.yaml keeps a comment where its parser met it. The comment at the end of a line and every blank or
comment line after it, up to the next key, are one token on that line's key (or list item), in its
parent's `ca.items` — for a key whose value is a block mapping or list, the token of the key's own line
holds only the lines before its first child, and the lines after the value belong to the value's last
line. So the lines *before* a key are the tail of whatever line came before it (and, now and then, of
the key's own "before" slot). These helpers speak of a line's end comment and of the lines after a value
(`after`), and move the lines after a value along when a key is removed, inserted or given a new value:
the comments before a key stay before it, and the comments before a removed key go with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

COLUMN = 27  # where an end-of-line comment starts in the project's params files (`goal:` + 22 spaces)
Node = CommentedMap | CommentedSeq


def is_block(value) -> bool:
    """A mapping or list written over several lines (not `[a, b]` or `{k: v}`, not empty)."""
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _slot(node: Node, key) -> tuple[list, int]:
    """Where the token of node[key]'s line lives: its comment entry and the index in it."""
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    return entry, 2 if isinstance(node, CommentedMap) else 0


def _split(token: CommentToken | None) -> tuple[str | None, list[str]]:
    """A line's token as its end comment ('# …', None if none) and the lines after it."""
    if token is None:
        return None, []
    first, *after = token.value.split("\n")
    if after and after[-1] == "":
        after.pop()  # the value ends with a newline
    return (first if first.strip() else None), after


def _column(token: CommentToken | None) -> int:
    try:
        return token.column if token is not None else COLUMN
    except AttributeError:
        return COLUMN


def _set(node: Node, key, comment: str | None, after: list[str], column: int) -> None:
    entry, index = _slot(node, key)
    if comment is None and not after:
        entry[index] = None
        return
    value = (comment or "") + "\n" + "".join(f"{line}\n" for line in after)
    entry[index] = CommentToken(value, CommentMark(column))


def _last_line(node: Node, key) -> tuple[Node, object]:
    """The key or list index whose line is the last of node[key]'s value."""
    value = node[key]
    while is_block(value):
        node, key = value, (next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1)
        value = node[key]
    return node, key


def line_comment(node: Node, key) -> str | None:
    """The comment at the end of node[key]'s line (of the key's own line, for a block value), without '#'."""
    entry = node.ca.items.get(key)
    comment, _ = _split(entry[2 if isinstance(node, CommentedMap) else 0] if entry else None)
    return comment.lstrip("#").strip() if comment else None


def set_line_comment(node: Node, key, text: str | None) -> None:
    """Put `text` (None: nothing) at the end of node[key]'s line; the lines after it stay."""
    entry, index = _slot(node, key)
    comment, after = _split(entry[index])
    column = _column(entry[index]) if comment else COLUMN  # where the line's comment was, if it had one
    _set(node, key, f"# {text}" if text else None, after, column)


def lines_after(node: Node, key) -> list[str]:
    """The blank and comment lines after node[key]'s value, up to the next key (each with its indent)."""
    last, last_key = _last_line(node, key)
    entry, index = _slot(last, last_key)
    return _split(entry[index])[1]


def set_lines_after(node: Node, key, lines: list[str]) -> None:
    last, last_key = _last_line(node, key)
    entry, index = _slot(last, last_key)
    comment, _ = _split(entry[index])
    _set(last, last_key, comment, lines, _column(entry[index]))


def comment_before(node: CommentedMap, key, text: str, indent: int) -> None:
    """A comment line right before node[key], indented as the key is."""
    entry, _ = _slot(node, key)
    entry[1] = [*(entry[1] or []), CommentToken(f"# {text}\n", CommentMark(indent))]


def _starts_blank(node: CommentedMap, key) -> bool:
    """Whether a blank line separates node[key] from what comes before it."""
    keys = list(node)
    position = keys.index(key)
    before = lines_after(node, keys[position - 1]) if position else []
    own = [token.value for token in (node.ca.items.get(key, [None] * 4)[1] or [])]
    return bool(before or own) and (before + own)[0].strip() == ""


def delete(node: CommentedMap, key) -> None:
    """Remove node[key] with the comments before it and on it; the comments before the next key stay."""
    keys = list(node)
    position = keys.index(key)
    after = lines_after(node, key)
    if position:
        set_lines_after(node, keys[position - 1], after)
    elif position + 1 < len(keys) and after:  # the first key: what followed it goes before the next one
        entry, _ = _slot(node, keys[1])
        entry[1] = [CommentToken(f"{line}\n", CommentMark(0)) for line in after] + (entry[1] or [])
    del node[key]
    node.ca.items.pop(key, None)


def replace(node: CommentedMap, key, value) -> None:
    """Give node[key] a new value: the comment on its line and the lines after the value stay; comments
    inside the old value go with it."""
    entry, index = _slot(node, key)
    comment, first = _split(entry[index])
    column = _column(entry[index])
    after = lines_after(node, key)
    if not is_block(node[key]):
        first = []  # a one-line value: the lines after its line are the lines after the value
    node[key] = value
    _set(node, key, comment, first if is_block(value) else [], column)
    set_lines_after(node, key, after)


def insert_after(node: CommentedMap, previous_key, key, value) -> None:
    """Put node[key] = value right after previous_key: the comments before the key that followed stay
    before that key, and the new key is set off by a blank line as that key was."""
    keys = list(node)
    position = keys.index(previous_key) + 1
    blank = position < len(keys) and _starts_blank(node, keys[position])
    after = lines_after(node, previous_key)
    node.insert(position, key, value)
    set_lines_after(node, previous_key, [""] if blank else [])
    set_lines_after(node, key, after)


def append(node: CommentedMap, key, item) -> None:
    """Add item at the end of the list node[key]; the lines after the list stay after it."""
    after = lines_after(node, key)
    set_lines_after(node, key, [])
    node[key].append(item)
    set_lines_after(node, key, after)


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    for child in node.values() if isinstance(node, CommentedMap) else node:
        if isinstance(child, (CommentedMap, CommentedSeq)):
            yield from _nodes(child)


def _without(token: CommentToken, unwanted: Callable[[str], bool], first_is_end: bool) -> CommentToken | None:
    lines = token.value.split("\n")[:-1] if token.value.endswith("\n") else token.value.split("\n")
    kept = [line for line in lines if not (line.strip() and unwanted(line))]
    if len(kept) == len(lines):
        return token
    if first_is_end and lines and lines[0].strip() and unwanted(lines[0]):
        kept.insert(0, "")  # the line's end comment goes, the line's end stays
    if not kept or (first_is_end and kept == [""]):
        return None
    return CommentToken("".join(f"{line}\n" for line in kept), CommentMark(_column(token)))


def drop_comment_lines(root: Node, unwanted: Callable[[str], bool]) -> None:
    """Remove every comment line (or end-of-line comment) for which `unwanted(line)` is true."""
    for node in _nodes(root):
        for entry in [node.ca.comment or [], *node.ca.items.values()]:
            for index, item in enumerate(entry):
                if isinstance(item, CommentToken):
                    entry[index] = _without(item, unwanted, first_is_end=True)
                elif isinstance(item, list):
                    entry[index] = _kept(item, unwanted)
        if node.ca.end:
            node.ca.end = _kept(node.ca.end, unwanted)


def _kept(tokens: list[CommentToken], unwanted: Callable[[str], bool]) -> list[CommentToken]:
    """Whole comment lines (a list of tokens), without the unwanted ones."""
    kept = [_without(token, unwanted, first_is_end=False) for token in tokens]
    return [token for token in kept if token is not None]
