"""What every format reader shares: the text it returns, the error it raises, and decoding.

Kept apart from ingest.loaders (metadata defaults, the reader table) and ingest.formats
(HTML, PDF, DOCX) so that both import it and neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class LoadError(Exception):
    """A file that cannot become a Document; the message says why and what to do."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


@dataclass
class RawText:
    """What a format reader returns before metadata defaults are applied."""

    text: str
    metadata: dict[str, Any]
    page_starts: list[int]


def decode_bytes(data: bytes, file: str) -> str:
    """Decode text of unknown encoding (UTF-8/16 with BOM, cp1251, ...); refuse binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if b"\x00" in data[:4096]:
        # NUL bytes are valid UTF-8, so BOM-less UTF-16 must be recognised before trying UTF-8.
        order = _utf16_order(data)
        if order is None:
            raise LoadError(file, "binary data, not text; remove it or give it its real extension")
        try:
            return data.decode(order)
        except UnicodeDecodeError as exc:
            raise LoadError(file, "binary data, not text; remove it or give it its real extension") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError(file, "cannot detect the text encoding; save it as UTF-8")
    return str(best)


def _utf16_order(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the high bytes are all 0x00 (Latin) or 0x04 (Cyrillic), else None."""
    sample = data[:2048]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, order in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        narrow = sum(byte in (0, 4) for byte in high) / len(high)
        if narrow > 0.9 and high.count(0) / len(high) > 0.05 and low.count(0) / len(low) < 0.05:
            return order
    return None
