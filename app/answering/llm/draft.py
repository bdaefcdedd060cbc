"""A model's draft -> sentences, each with the passage numbers it cites.

Models cite in many shapes ('[1]', '[1, 2]', '[1][2]', '[Passage 1]', '(1)' at a
sentence end); all are read, and the markers are removed from the text that is
checked and shown. Anything that is not prose (HTML tags, Markdown links, URLs) is
removed too: no link or markup from a passage or a model reaches the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.answering.sentences import sentence_spans, tidy

MARKER = re.compile(r"\s*\[(?:passages?\s*)?(\d+(?:\s*(?:,|and|&)\s*\d+)*)\]", re.I)
END_PAREN_MARKER = re.compile(r"\s*\((\d{1,2})\)(?=\s*[.!?]?\s*$)")
HTML = re.compile(r"<[^>]{0,200}>")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
URL = re.compile(r"\b(?:https?|ftp|javascript|data):\S+|\bwww\.\S+", re.I)
LINE_MARK = re.compile(r"^\s*(?:#{1,6}\s*|[-*+]\s+|\d+[.)]\s+|>\s*)+")
END = re.compile(r"[.!?:;][\"'”’)]*\s*(?:\[[^\]]{1,20}\]\s*)*$")
ANSWER_IS = re.compile(r"^\s*(?:the\s+)?answer(?:\s+is)?\s*:?\s*", re.I)  # 'The answer is "..."'
QUOTED = re.compile(r"^[\"“](.*?)[\"”]?([.!?]?)$")  # a whole sentence in quotes
PREAMBLE = re.compile(r"^\s*(?:answer|response)\s*:\s*", re.I)


@dataclass(frozen=True)
class DraftSentence:
    text: str  # without citation markers
    citations: list[int]


def clean(text: str) -> str:
    """Draft text without markup, images, links or URLs (a link's words are kept), one
    line per sentence at most: a heading or list item without a full stop ends there."""
    text = MD_IMAGE.sub(" ", text)
    text = MD_LINK.sub(lambda m: m.group(1), text)
    text = HTML.sub(" ", text)
    text = URL.sub(" ", text)
    lines = []
    for line in text.splitlines():
        line = LINE_MARK.sub("", line).replace("**", "").replace("__", "").strip()
        if line:
            lines.append(line if END.search(line) else line + ".")
    return PREAMBLE.sub("", " ".join(lines))


def split_draft(text: str) -> list[DraftSentence]:
    """The draft's sentences with their citation numbers, in order.

    A marker at the start of a sentence belongs to the sentence before it ('... in
    2001. [1] The ...' is common), so markers are read before sentences are split.
    """
    text = clean(text)
    text = re.sub(r"([.!?])\s*((?:\s*\[[^\]]{1,20}\])+)", r"\2\1", text)  # '. [1]' -> ' [1].'
    out = []
    for start, end in sentence_spans(text):
        piece = text[start:end]
        numbers = [int(n) for group in MARKER.findall(piece) for n in re.findall(r"\d+", group)]
        piece = MARKER.sub("", piece)
        paren = END_PAREN_MARKER.search(piece)
        if paren:
            numbers.append(int(paren.group(1)))
            piece = piece[: paren.start()] + piece[paren.end() :]
        sentence = QUOTED.sub(r"\1\2", tidy(ANSWER_IS.sub("", piece)))
        if len(re.findall(r"\w+", sentence)) >= 2:  # a lone marker or word is not a sentence
            out.append(DraftSentence(sentence, list(dict.fromkeys(numbers))))
    return out
