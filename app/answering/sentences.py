"""Sentence spans in passage text, kept as exact offsets so quotes stay verbatim."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# whitespace and an upper-case letter, digit, quote or bracket (markdown emphasis allowed before it:
# '... ferries. _The Harbour Times_ reported ...'); or at a blank line.
_CLOSERS = "\"'”’)]"  # what may close a sentence after its full stop: a quote mark, a bracket
_BOUNDARY = re.compile(
    rf"(?<=[.!?])[{re.escape(_CLOSERS)}]?\s+(?=[\"'“‘(\[]?[_*]{{0,2}}[A-ZА-ЯЁ0-9])|\n\s*\n|(?<=[。！？])"
)
# Abbreviations after which a full stop does not end a sentence ('art. 12', 'sec. 4' in any case).
_ABBREVIATIONS = re.compile(
    r"(?:\b(?i:Mr|Mrs|Ms|Dr|Prof|St|Arts?|Secs?|Ch|Paras?|Vol|pp|e\.g|i\.e|etc|cf|vs|approx)"
    r"|\b(?:Nos?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)


# A blank line after a page number that ends a line of running text, before a line that goes on in
# lower case: 'under the guidance\n3\n\nof the people' is one sentence across a PDF page break.
_PAGE_BREAK = re.compile(r"[^\n.!?:;]\n[ \t]*\d{1,4}[ \t]*\n\s*\n[ \t]*[a-z]")


# A numbered item's number at the start of a line ('\n7.'): the full stop after it ends no sentence.
_ITEM_NUMBER = re.compile(r"(?:^|\n)[ \t]*\d{1,3}\.\Z")
# A last line of no letters after a clause's end ('... the resolution;\n24-21660 3/4'): a PDF's page
# footer, not the sentence's.
_FOOTER_LINE = re.compile(r"(?<=[.;:])[ \t]*\n[^\n\w]*[\d][^\na-zA-Z]*\Z")


def _line_start(text: str, position: int) -> int:
    """Where the page-number check starts: the last character of the line before the number."""
    number_line = text.rfind("\n", 0, position)
    return max(number_line - 1, 0)


# A line break before a list item, heading or table row, a PDF's footnote rule ('_______') or a section
# break ('***', '---'); or the one ending a heading or that rule.
_BREAK_BEFORE_ITEM = re.compile(
    r"\n(?=[ \t]*(?:[-*+] |\d+\. |#{1,6} |\||(?:_{3,}|\*{3,}|-{3,}|\*(?: \*){2,})[ \t]*\n))"
    r"|(?<=___|\*\*\*|---|\* \*)[ \t]*\n"
)
_BREAK_AFTER_HEADING = re.compile(r"^#{1,6} [^\n]*(\n)", re.M)


# An official text's title block: two or more short lines with no closing punctuation at the start of
# the text, before the first line of running text ('JOINT COMMUNIQUE\nof the Harbour Council\n(Tallinn,
# 3 May 2031)\nOn 3 May 2031 the council met ...'). It is a line of its own, not the first sentence's start.
_TITLE_BLOCK = re.compile(r"\A\s*(?:[^\n]{1,60}(?<![.!?:;,])\n){2,}(?=[^\n]{61,})")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or list item in `text`, trimmed of outer whitespace."""
    title = _TITLE_BLOCK.match(text)
    if title:
        cut = title.end() - 1
        return _lines(text, 0, cut) + [(s + cut, e + cut) for s, e in _sentence_spans(text[cut:])]
    return _sentence_spans(text)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _ABBREVIATIONS.search(text[start : match.start()].rstrip(_CLOSERS)):
            continue
        if _PAGE_BREAK.match(text, _line_start(text, match.start())):
            continue  # a PDF's page number between two halves of one sentence
        if _ITEM_NUMBER.search(text, start, match.start()):
            continue  # '6. Invites ...;\n7.': the number opens the next item, which is a line of its own
        closed = match.group()[:1] in _CLOSERS  # 'declared them "free."': the quote mark ends it too
        spans.extend(_lines(text, start, match.start() + closed))
        start = match.end()
    spans.extend(_lines(text, start, len(text)))
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span further at Markdown list items and headings, which are lines of their own."""
    out: list[tuple[int, int]] = []
    piece_start = start
    breaks = {m.start() for m in _BREAK_BEFORE_ITEM.finditer(text, start, end)}
    breaks |= {m.start(1) for m in _BREAK_AFTER_HEADING.finditer(text, start, end)}
    for position in sorted(breaks):
        out.append((piece_start, position))
        piece_start = position + 1
    out.append((piece_start, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        footer = _FOOTER_LINE.search(text, s, e)
        e = footer.start() if footer else e
        if e > s:
            trimmed.append((s, e))
    return trimmed


MAX_WORDS = 60
# where an over-long span may be cut: after ';' or ':', at a line that opens after a comma, or at a
# full stop the next sentence failed to capitalise ('... in 2031. in 2032, the league ...')
_CLAUSE_BREAK = re.compile(r"(?<=[;:])\s+|(?<=,)[ \t]*\n(?=[A-Z])|(?<=\w\w\w\.)(?<!etc\.)\s+(?=[a-z])")


def quotable_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans, with over-long ones (PDF run-ons, tables) cut at clause or line breaks."""
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if len(text[start:end].split()) <= MAX_WORDS:
            out.append((start, end))
            continue
        piece_start = start
        for match in _CLAUSE_BREAK.finditer(text, start, end):
            if in_brackets(text, start, match.start(), end):
                continue  # '(New York, 20 September 2017; Beijing, 24 April 2018)' is one item's dates
            if len(text[piece_start : match.start()].split()) >= 8:
                out.extend(_at_commas(text, piece_start, match.start()))
                piece_start = match.end()
        out.extend(_at_commas(text, piece_start, end))
    return [(s, e) for s, e in out if len(text[s:e].split()) <= MAX_WORDS]


def in_brackets(text: str, start: int, position: int, end: int) -> bool:
    """Is the position inside a bracket opened after start and closed before end?"""
    depth = text.count("(", start, position) - text.count(")", start, position)
    return depth > 0 and ")" in text[position:end]


_COMMA = re.compile(r"(?<=,)\s+")


def _at_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span still too long to quote (a resolution's preamble paragraph runs 100 words and more),
    cut after commas into pieces of at most MAX_WORDS words, so what it says can still be quoted."""
    if len(text[start:end].split()) <= MAX_WORDS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    piece_start = last_cut = next_start = start
    commas = [(m.start(), m.end()) for m in _COMMA.finditer(text, start, end)]
    for cut, after in [*commas, (end, end)]:  # the span's end closes the last piece like a comma
        if len(text[piece_start:cut].split()) > MAX_WORDS and last_cut > piece_start:
            out.append((piece_start, last_cut))
            piece_start = next_start
        last_cut, next_start = cut, after
    out.append((piece_start, end))
    return out


# A caption: a short paragraph of its own with no closing punctuation ('Leaders at the summit in
# Riga, 2009' under a photograph). It names a place and a year but says nothing happened there.
CAPTION_WORDS = 15
_CLOSED = re.compile(r"[.!?:;,\"'”’)\]…]\s*$")


def is_caption(text: str, start: int, end: int) -> bool:
    """The span is a short paragraph of its own, between blank lines (or a chunk's start or end), that
    no punctuation closes."""
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    edge = not before.strip() or before.endswith("\n\n"), not after.strip() or after.startswith("\n\n")
    alone = all(edge)  # a chunk's start or end is a paragraph's edge too
    span = text[start:end]
    item = re.match(r"\s*(?:[-*+]|\d+\.)\s", span)  # a list's item is a line of the list, not a caption
    return alone and not item and len(span.split()) <= CAPTION_WORDS and not _CLOSED.search(span)


# A PDF footnote: its number, then a document symbol or a reference ('3 S/HLC/2031/4; see ...',
# '6 See the Records of ...', '5 Resolution 88/12.')
_FOOTNOTE = re.compile(r"\d{1,3}\s+(?:[A-Z]{1,4}/|(?i:see|resolution|official records)\b)")


TABLE_LINE_PIPES = 2  # cell bars on a line that make it a table's row


def in_table_line(text: str, position: int) -> bool:
    """The position is on a line of table cells ('Moldova | 21 December 1991 | ... | Signatory of
    ...'): a row read without its header says neither what its cells are nor whose they are."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)].count("|") >= TABLE_LINE_PIPES


def is_footnote(span: str) -> bool:
    """The span is a footnote of a PDF (a UN resolution's references), not its text."""
    return _FOOTNOTE.match(span.lstrip()) is not None


# An encyclopedia's editorial note ('[citation needed]'): about the source, not part of what it says
CITATION_NEEDED = re.compile(r"\s*\[_?(?:citation|clarification|verification)\s+needed_?\]", re.I)


def tidy(sentence: str) -> str:
    """A quote as it reads in an answer: one line, no Markdown list or emphasis marks, and a word
    broken at a line end with a hyphen joined again."""
    sentence = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", sentence)
    sentence = sentence.replace("**", "").replace("__", "")
    sentence = re.sub(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)", r"\1", sentence)  # '_The Harbour Times_' in italics
    # a line-end hyphen: 'anti-\nterrorist', 'Secretary-\nGeneral'
    sentence = re.sub(r"(?<=[A-Za-z])-[ \t]*\n\s*(?=[A-Za-z])", "-", sentence)
    sentence = re.sub(r"\n[ \t]*\d{1,4}[ \t]*\n\s*\n(?=\s*[a-z])", " ", sentence)  # a page number inside it
    sentence = CITATION_NEEDED.sub("", sentence)
    return re.sub(r"\s+", " ", sentence).strip()
