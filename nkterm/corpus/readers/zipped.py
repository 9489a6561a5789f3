"""Reading members of a zip container (EPUB, DOCX) without trusting it: it must be a zip, and
what it unpacks to is capped (a zip bomb is refused by its declared and its real sizes).
Must not import Textual or Whoosh.
"""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED = 512 * 1024 * 1024  # all members together
MAX_MEMBER = 64 * 1024 * 1024


def open_zip(raw: bytes, what: str) -> zipfile.ZipFile:
    from nkterm.corpus.readers.base import ReaderError

    if not raw.startswith(b"PK"):
        raise ReaderError(f"not {what} (it is not a zip file)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReaderError(f"not {what} (a damaged zip file: {exc})") from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ReaderError(f"{what} that would unpack to more than {MAX_UNPACKED // 2**20} MB")
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of one member, at most ``MAX_MEMBER`` of them whatever its header claims."""
    from nkterm.corpus.readers.base import ReaderError

    try:
        with archive.open(name) as fh:
            data = fh.read(MAX_MEMBER + 1)
    except KeyError:
        raise ReaderError(f"{name} is missing from the file") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReaderError(f"{name} cannot be unpacked ({exc})") from None
    if len(data) > MAX_MEMBER:
        raise ReaderError(f"{name} unpacks to more than {MAX_MEMBER // 2**20} MB")
    return data
