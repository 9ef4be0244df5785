"""Refusing zip bombs before any member of an EPUB or DOCX is decompressed.

`zipfile` never returns more bytes than a member's declared size, so checking the declared sizes
(and how far they inflate their compressed size) bounds what the readers can unpack.
"""

from __future__ import annotations

import io
import zipfile

from models.errors import DocumentError

MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 20_000
# Small members may compress very well (blank XML); only large ones are judged by their ratio.
RATIO_FLOOR_BYTES = 1024 * 1024


def open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The archive in `data`, after checking it cannot unpack to something huge."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise DocumentError(f"{name} is damaged: it is not a readable {kind} file.") from exc
    if len(members) > MAX_MEMBERS:
        raise DocumentError(f"{name} holds {len(members):,} files, too many for a {kind}; it was not opened.")
    total = sum(max(0, m.file_size) for m in members)
    if total > MAX_TOTAL_BYTES:
        raise DocumentError(
            f"{name} would unpack to {total / 1024 / 1024:,.0f} MB, more than a {kind} should; it was not opened."
        )
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(1, member.compress_size):
            raise DocumentError(
                f"{name} contains a file that unpacks to more than {MAX_RATIO} times its size "
                f"(a 'zip bomb'); it was not opened."
            )
    return archive


def member_names(data: bytes) -> set[str]:
    """Names in a zip archive, or an empty set when it cannot be read (for sniffing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except Exception:  # sniffing must never fail; the real loader reports the damage
        return set()


def read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        return archive.read(member)
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return b""
