"""Passages as clean text for the source cards, with a map back to the raw chunk.

Chunks are stored as written (Markdown headings, bullets, emphasis, the briefings'
notice line), and a citation's quote is a slice of that raw text. The card shows
the text without the markup; every clean character remembers its index in the raw
chunk, so the highlight covers exactly the quoted slice, whatever was removed around it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

# The fixed first line of the shipped briefings (documents/README.md): it says what the
# corpus is, not what a passage says, so cards leave it out.
NOTICE = re.compile(r"^\W*this is a briefing written for the [^.\n]{1,80} product\b", re.IGNORECASE)
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)[\s#]*$")
BULLET = re.compile(r"^\s*[-*+•]\s+")
QUOTE_MARK = re.compile(r"^\s{0,3}(?:>\s?)+")
RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
# Inline markup whose delimiters are dropped; group "keep" is the text that stays.
INLINE = [
    re.compile(r"\[(?P<keep>[^\]\n]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # [text](url)
    re.compile(r"(\*\*|__)(?=\S)(?P<keep>.+?)(?<=\S)\1"),  # **strong**
    re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<keep>[^*\n]+?)(?<=\S)\*(?![\w*])"),  # *emphasis*
    re.compile(r"(?<![\w_])_(?=[^\s_])(?P<keep>[^_\n]+?)(?<=\S)_(?![\w_])"),  # _emphasis_ (not snake_case)
    re.compile(r"`(?P<keep>[^`\n]+)`"),  # `code`
]


@dataclass
class CleanBlock:
    """One paragraph, heading or list item: clean text and, per character, its index in the raw chunk."""

    kind: str  # "p" | "h" | "li"
    text: str = ""
    origin: list[int] = field(default_factory=list)

    def add(self, char: str, index: int) -> None:
        self.text += char
        self.origin.append(index)


def _inline(line: str, start: int) -> list[tuple[str, int]]:
    """The characters of one line (starting at raw offset `start`) without inline markup."""
    dropped = [False] * len(line)
    for pattern in INLINE:
        for match in pattern.finditer(line):
            keep_start, keep_end = match.span("keep")
            for i in [*range(match.start(), keep_start), *range(keep_end, match.end())]:
                dropped[i] = True
    return [(ch, start + i) for i, ch in enumerate(line) if not dropped[i]]


def _line_kind(line: str) -> tuple[str, int, int]:
    """'skip', 'blank', 'h', 'li' or 'p', and where in the line its content starts and ends."""
    end = len(line.rstrip())
    if not line.strip():
        return "blank", 0, 0
    if NOTICE.match(line) or RULE.match(line):
        return "skip", 0, 0
    if heading := HEADING.match(line):
        return "h", heading.start(2), heading.end(2)
    if bullet := BULLET.match(line):
        return "li", bullet.end(), end
    if quote := QUOTE_MARK.match(line):
        return "p", quote.end(), end
    return "p", len(line) - len(line.lstrip()), end


def clean_blocks(raw: str) -> list[CleanBlock]:
    """The raw chunk as blocks of clean text; lines of one paragraph are joined by a space."""
    blocks: list[CleanBlock] = []
    current: CleanBlock | None = None
    offset = 0
    for line in raw.split("\n"):
        kind, start, end = _line_kind(line)
        chars = _inline(line[start:end], offset + start)
        if kind in ("blank", "skip"):
            current = None
        elif kind == "p" and current is not None and current.kind in ("p", "li"):
            current.add(" ", offset - 1)  # a soft line break inside a paragraph or list item
            _extend(current, chars)
        else:
            current = CleanBlock(kind)
            _extend(current, chars)
            blocks.append(current)
        offset += len(line) + 1
    return [block for block in blocks if block.text.strip()]


def _extend(block: CleanBlock, chars: list[tuple[str, int]]) -> None:
    for char, index in chars:
        block.add(char, index)


def clean_text(raw: str) -> str:
    """The chunk as plain text: blocks on their own lines, no Markdown, no notice line."""
    return "\n".join(block.text for block in clean_blocks(raw))


def quoted_spans(raw: str, quotes: list[str]) -> list[tuple[int, int]]:
    """(start, end) in the raw chunk of each quote found in it."""
    spans = []
    for quote in quotes:
        start = raw.find(quote) if quote else -1
        if start >= 0:
            spans.append((start, start + len(quote)))
    return sorted(set(spans))


def _block_html(block: CleanBlock, spans: list[tuple[int, int]]) -> str:
    """One block's text escaped, each run of characters that came from a quoted span in <mark>."""
    out, run, marked = [], "", False
    for char, origin in zip(block.text, block.origin, strict=True):
        inside = any(start <= origin < end for start, end in spans)
        if inside != marked and run:
            out.append(f"<mark>{html.escape(run)}</mark>" if marked else html.escape(run))
            run = ""
        run, marked = run + char, inside
    if run:
        out.append(f"<mark>{html.escape(run)}</mark>" if marked else html.escape(run))
    return "".join(out)


def passage_html(raw: str, quotes: list[str] | None = None) -> str:
    """The chunk as clean, escaped HTML (headings, paragraphs, lists) with the quoted slices marked."""
    return _passage_html(raw, tuple(quotes or ()))


@lru_cache(maxsize=2048)
def _passage_html(raw: str, quotes: tuple[str, ...]) -> str:
    """Memoised: the sources panel shows every earlier answer's cards again after each question."""
    spans = quoted_spans(raw, list(quotes))
    out, in_list = [], False
    for block in clean_blocks(raw):
        if (block.kind == "li") != in_list:
            out.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        body = _block_html(block, spans)
        out.append({"h": f"<p class='scoqa-h'>{body}</p>", "li": f"<li>{body}</li>"}.get(block.kind, f"<p>{body}</p>"))
    if in_list:
        out.append("</ul>")
    return "".join(out)
