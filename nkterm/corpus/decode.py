"""Bytes -> text: UTF-8 (with or without a BOM), else UTF-16 or Shift JIS when the bytes say
so, else a named fallback; binary files refused. Returns the text and a note for the user.
"""

from __future__ import annotations

import codecs
import unicodedata


def decode(raw: bytes) -> tuple[str | None, str]:
    """Decode bytes to text. Returns (text, note): note is empty for clean UTF-8, says which
    fallback was used otherwise; text is None (with the reason) for binary files."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 byte-order mark removed"
        except UnicodeDecodeError:
            pass
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(enc), f"decoded as UTF-16 ({enc[-2:].upper()}, with BOM)"
            except UnicodeDecodeError:
                break
    if b"\0" in raw[:8192]:
        utf16 = _guess_utf16(raw)
        if utf16:
            try:
                text = raw.decode(utf16)
            except UnicodeDecodeError:
                text = ""
            if text and not _looks_binary_text(text):
                return text, f"decoded as UTF-16 ({utf16[-2:].upper()}, no BOM)"
        return None, "binary file (contains NUL bytes), not a text document"
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    if _looks_binary(raw):
        return None, "binary file (mostly control bytes), not a text document"
    japanese = _as_shift_jis(raw)
    if japanese is not None:
        return japanese, f"not valid UTF-8 ({where}); decoded as Shift-JIS"
    try:
        return raw.decode("cp1252"), f"not valid UTF-8 ({where}); decoded as Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), f"not valid UTF-8 ({where}); decoded as Latin-1"


def _guess_utf16(raw: bytes) -> str | None:
    sample = raw[:8192]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    # Text in a script without Latin letters (Japanese, Chinese) has few NULs (the high bytes
    # of spaces, digits, line breaks): take the byte order that alone reads as text. The other
    # order turns a line break into U+0A00, which is unassigned.
    if len(raw) % 2:
        return None
    fits = [enc for enc in ("utf-16-le", "utf-16-be") if _reads_as_text(raw, enc)]
    return fits[0] if len(fits) == 1 else None


def _reads_as_text(raw: bytes, encoding: str) -> bool:
    try:
        text = raw[:8192].decode(encoding)
    except UnicodeDecodeError:
        return False
    return (
        any(space in text for space in ("\n", " ", "\u3000"))
        and not _looks_binary_text(text)
        and not any(unicodedata.category(c) in ("Cn", "Co", "Cs") for c in text)
    )


def _looks_binary_text(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or "\x7f" <= c <= "\x9f")
    return control > 0.01 * len(sample)


def _as_shift_jis(raw: bytes) -> str | None:
    """``raw`` decoded as Shift-JIS (Windows code page 932) if it reads as Japanese: every
    byte decodes, the non-ASCII text is Japanese script, with kana. Western text in a
    Windows code page rarely decodes at all, and never into kana."""
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    kana = sum(1 for c in wide if "\u3040" <= c <= "\u30ff")
    japanese = sum(
        1 for c in wide if "\u3000" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
    )
    if wide and kana >= 0.1 * len(wide) and japanese >= 0.9 * len(wide):
        return text
    return None


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.1 * max(1, len(sample))
