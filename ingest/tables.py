"""Pipe tables read row by row: each data row with its table's caption and column names.

A row alone ('2016–2018 | Ida Berg') says neither what the years are nor whose name it is; read
with its header it is a fact that can be quoted (app/answering/composer.py) and found by retrieval
(ingest/chunking.py indexes each row as a passage of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# A table's rule line under its header: '---|---', '|---|:--:|'.
_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$")
_HEADING = re.compile(r"^#{1,6}[ \t]+([^\n]+)$", re.M)
# A row of one cell, its others merged with the row above ('Oslo' under 'Bergen | 2001 | 2002').
_CELL_ALONE = re.compile(r"^[ \t]*[^\s.!?:;|][^.!?:;|\n]{0,40}$")
_SUBCAPTION = re.compile(r"^[ \t]*\*\*([^*|\n]+)\*\*[ \t]*$")  # '**Secretaries-General**' between rows


@dataclass(frozen=True)
class TableRow:
    """One data row of a pipe table: its exact span, and how it reads with the table's header."""

    start: int
    end: int
    reading: str  # 'Heads of the Secretariat (Secretaries-General): Years in office 2016–2018; Name Ida Berg.'
    above: str = ""  # the cells of the row above in the same table, and of the row below: who came
    below: str = ""  # before and after, in a table of office holders
    table: int = 0  # which table of the text (the line of its rule)
    title: str = ""  # its caption and sub-caption: 'Observer states (Former observers)'
    cells: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # the column name of each cell, when the header names them
    rows: int = 1  # more than one: a whole list of rows (see table_lists), read as the list it is
    table_start: int = 0  # where its table's rule line starts
    begun_before: bool = False  # its table starts before the passage: the passage has only part of it
    # What a passage holding this row alone needs before it to read it the same way: the caption
    # heading, the header and rule lines, the sub-caption (ingest/chunking.py indexes rows alone).
    lead: str = ""


def table_rows(text: str, lead_in: str = "") -> list[TableRow]:
    """The data rows of the pipe tables in `text` (Markdown '| a | b |' or converted 'a | b'), each
    read with its header, so a fact that only a table gives can be quoted: a row alone ('2016–2018 |
    Ida Berg') says neither what the years are nor whose name it is. A passage that starts mid-table
    needs the document's text before it (`lead_in`, see `continues_table`) for its header; without
    it, such rows are left out: they cannot be read. Offsets are into `text`."""
    if lead_in:
        rows = table_rows(lead_in + text)
        shift = len(lead_in)
        return [
            replace(r, start=r.start - shift, end=r.end - shift, begun_before=r.table_start < shift)
            for r in rows
            if r.start >= shift
        ]
    lines = _numbered_lines(text)
    headers = {i: _header_above(lines, i) for i in range(1, len(lines)) if _RULE.match(lines[i][2])}
    header_starts = {first for first, _ in headers.values()}
    rows: list[TableRow] = []
    for rule, (first, header_line) in headers.items():
        if "|" not in header_line:
            continue
        caption, header = _header(header_line)
        heading = list(_HEADING.finditer(text, 0, first))
        above = f"{heading[-1].group(0)}\n\n" if heading and not caption else ""
        caption = caption or (heading[-1].group(1).strip() if heading else "")  # '### Dialogue partners' above it
        head = above + text[first : lines[rule][1]] + "\n"
        columns = _columns(lines[rule][2])
        sub = ""
        body = lines[rule + 1 :]
        for n, (start, end, line) in enumerate(body):
            if start in header_starts:
                break  # the next table's header
            if (match := _SUBCAPTION.match(line)) is not None:
                sub = match.group(1).strip()
                continue
            if not line.strip():
                if n + 1 < len(body) and _SUBCAPTION.match(body[n + 1][2]):
                    continue  # a blank line, then '**Former members**' and more rows
                break
            if "|" not in line and not _CELL_ALONE.match(line):
                break  # the prose after the table
            cells = _cells(line)
            if any(re.search(r"[^\W\d_]", c) for c in cells):  # a row of figures alone names nothing
                s, e = start + len(line) - len(line.lstrip()), end - (len(line) - len(line.rstrip()))
                title = f"{caption} ({sub})" if caption and sub else caption or sub
                reading = _reading(title, header, cells, columns)
                rows.append(
                    TableRow(
                        s,
                        e,
                        reading,
                        table=rule,
                        title=title,
                        cells=tuple(cells),
                        names=tuple(header) if len(cells) <= columns else (),
                        table_start=lines[rule][0],
                        lead=head + (f"**{sub}**\n" if sub else ""),
                    )
                )
    return [
        replace(
            row,
            above=_cells_text(text, rows[n - 1]) if n and rows[n - 1].table == row.table else "",
            below=_cells_text(text, rows[n + 1]) if n + 1 < len(rows) and rows[n + 1].table == row.table else "",
        )
        for n, row in enumerate(rows)
    ]


def table_lists(rows: list[TableRow], text: str) -> list[TableRow]:
    """Each run of rows under one caption and sub-caption, read as the list it is: 'Observer states:
    Mongolia, Afghanistan.' - what a question asking which states hold a status wants, which no one
    row says. The list is of the first column whose cells are names, not figures or dates. A run
    that the end of `text` cuts may go on in the next passage: it is not read as the whole list."""
    out = []
    runs: dict[tuple[int, str], list[TableRow]] = {}
    for row in rows:
        runs.setdefault((row.table, row.title), []).append(row)
    for (table, title), run in runs.items():
        if not text[run[-1].end :].strip() or run[0].begun_before:
            continue  # the list may go on after the passage, or began before it
        width = max(len(r.cells) for r in run)
        column = next(
            (
                c
                for c in range(width)
                if sum(_names_a_thing(r.cells[c] if c < len(r.cells) else "") for r in run) >= 2 * len(run) / 3
            ),
            None,
        )
        if not title or len(run) < 2 or column is None:
            continue
        items = [r.cells[column].strip("/ ") for r in run if column < len(r.cells) and _names_a_thing(r.cells[column])]
        if not items:
            continue
        reading = f"{title}: {', '.join(items[:-1])} and {items[-1]}." if len(items) > 1 else f"{title}: {items[0]}."
        out.append(TableRow(run[0].start, run[-1].end, reading, table=table, title=title, rows=len(run)))
    return out


# A Markdown list item ('  * Belarus', '- Kanal'), its text in group 1.
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(\S.*?)[ \t]*$")
# Items of a list of names: a few words each ('Ida Berg (Norway)'), now and then one with a remark
# after the name; longer ones are sentences of their own (a chronology's entries).
MEAN_ITEM_WORDS = 8
MAX_ITEM_WORDS = 25
MAX_LEAD_WORDS = 30  # the line that says what the list is: 'Observer states (10)', '... consists of:'


def bullet_lists(text: str) -> list[TableRow]:
    """Each run of short list items under the line that says what they are, read as one list:
    'Observer states (10): Belarus, Japan and Laos.' A question asking which states hold a status
    wants the whole list, and no item alone says what it is an item of. The span is the items';
    the lead line stays a sentence of its own. A run the end of `text` cuts, or one with no lead
    line before it in `text`, may be part of a longer list: it is not read as the whole list."""
    lines = _numbered_lines(text)
    out: list[TableRow] = []
    n = 0
    while n < len(lines):
        run = []
        while n < len(lines) and (item := _BULLET.match(lines[n][2])):
            run.append((lines[n][0], lines[n][1], item.group(1).rstrip(" .;,")))
            n += 1
        n += 0 if run else 1
        words = [len(i.split()) for _, _, i in run]
        if len(run) < 2 or max(words) > MAX_ITEM_WORDS or sum(words) > MEAN_ITEM_WORDS * len(run):
            continue
        if any(len(i) < 2 for _, _, i in run):
            continue  # 'v', 't', 'e': a navigation box's links
        first = lines[n - len(run)][2]
        start, end = run[0][0] + len(first) - len(first.lstrip()), run[-1][1]
        lead = _lead_line(text[:start])
        if not lead or not text[end:].strip():
            continue
        items = [i for _, _, i in run]
        reading = f"{lead}: {', '.join(items[:-1])} and {items[-1]}."
        out.append(TableRow(start, end, reading, title=lead, rows=len(run), cells=tuple(items)))
    return out


def _lead_line(before: str) -> str:
    """The last sentence of the paragraph right before a list, if it is short enough to say what the
    list is ('Member states (28)', 'As of 2024 the council consists of'); a heading's text."""
    paragraph = re.split(r"\n[ \t]*\n", before.rstrip())[-1].strip()
    if not paragraph or _BULLET.match(paragraph.split("\n")[-1]) or "|" in paragraph:
        return ""
    sentence = re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split()))[-1]
    sentence = re.sub(r"^#{1,6}\s+", "", sentence).rstrip(" .:;")
    return sentence if 0 < len(sentence.split()) <= MAX_LEAD_WORDS else ""


def has_table_header(text: str, whole: bool = False) -> bool:
    """Some line of the text is a table's rule line, under its header; `whole`: a header that
    starts after the text's first line, which a chunk boundary may have cut ('Council  Years in
    office | Name' of 'Chairs of the Harbour Council  Years in office | Name')."""
    lines = _numbered_lines(text)
    rules = [i for i in range(1, len(lines)) if _RULE.match(lines[i][2])]
    return any(_header_above(lines, i)[0] > 0 for i in rules) if whole else bool(rules or _RULE.match(lines[0][2]))


def continues_table(text: str) -> bool:
    """The passage starts inside a table: one of its first two lines (the first may be the end of a
    row cut by the passage's start) is a row, and no header over a rule line comes first."""
    lines = text.lstrip("\n").split("\n")[:3]
    return any("|" in line for line in lines[:2]) and not any(_RULE.match(line) for line in lines)


def _numbered_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) of each line of the text."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line), line))
        at += len(line) + 1
    return lines


def _names_a_thing(cell: str) -> bool:
    """A cell that names a state, a person or a place: words, not a date or a figure."""
    return bool(re.search(r"[^\W\d_]{2}", cell)) and not re.search(r"\d", cell)


def _cells_text(text: str, row: TableRow) -> str:
    return " ".join(c for c in _cells(text[row.start : row.end]) if c)


def _header_above(lines: list[tuple[int, int, str]], rule: int) -> tuple[int, str]:
    """(where it starts, its text) of the header over a rule line: the line above, with the lines
    above that while it has fewer cells than the rule has columns (a header wrapped over lines)."""
    columns = _columns(lines[rule][2])
    k = rule - 1
    header = lines[k][2]
    while _columns(header) < columns and k > 0 and lines[k - 1][2].strip():
        k -= 1
        header = f"{lines[k][2].rstrip()} {header.lstrip()}"
    return lines[k][0], header


def _cells(line: str) -> list[str]:
    return [" ".join(c.split()).strip("_*") for c in line.strip().strip("|").split("|")]  # '_videoconference_


def _header(line: str) -> tuple[str, list[str]]:
    """(caption, header cells): a converted page puts the table's caption before its first header
    cell, two spaces apart ('Heads of the Secretariat  Years in office | Name')."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    caption, _, first = cells[0].rpartition("  ")
    return " ".join(caption.split()), [" ".join(first.split()), *(" ".join(c.split()) for c in cells[1:])]


def _columns(line: str) -> int:
    """Cells of a table line (its rule line: the table's columns)."""
    return line.strip().strip("|").count("|") + 1


def _reading(title: str, header: list[str], cells: list[str], columns: int) -> str:
    """'Caption (sub-caption): Header1 cell1; Header2 cell2' - each cell after its column's name. A row
    with more cells than the table has columns sits under a header of several levels, which one line
    cannot tell: its cells are read as they are, not under a name that may be another column's."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    if len(cells) > columns:
        body = " | ".join(cells)
    else:
        named = [f"{h} {c}" if h else c for h, c in zip(header, cells, strict=False) if c]
        body = "; ".join(named + [c for c in cells[len(header) :] if c])  # cells of an unnamed column
    body = body.rstrip(" .")
    return f"{title}: {body}." if title else f"{body}."


def header_label(lead: str) -> str:
    """A row's lead as one line for a reader: caption, column names and sub-caption, without the
    rule line and Markdown marks ('Chairs of the council  Years in office | Name · Elected chairs')."""
    lines = [line.strip().strip("#*| ").strip() for line in lead.split("\n") if line.strip() and not _RULE.match(line)]
    return " · ".join(" ".join(line.split()) for line in lines if line)
