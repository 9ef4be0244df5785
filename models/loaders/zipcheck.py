"""Refusing zip bombs before an EPUB or DOCX reader unpacks them.

The sizes a member declares are checked first, then every member is inflated once, a chunk at a
time, counting the bytes that really come out: a member that unpacks to more than it declares, or
an archive that unpacks to more than `MAX_TOTAL_BYTES`, is refused the moment the count passes the
limit. Readers such as ebooklib inflate a whole member in one call (a 1,000-byte claim could hold a
gigabyte), so they only see an archive that has passed this count.
"""

from __future__ import annotations

import copy
import io
import zipfile

from models.errors import DocumentError

MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 20_000
# Small members may compress very well (blank XML); only large ones are judged by their ratio.
RATIO_FLOOR_BYTES = 1024 * 1024
CHUNK_BYTES = 256 * 1024
_ENCRYPTED = 0x1


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
    budget = MAX_TOTAL_BYTES
    for member in members:
        budget -= _inflated_size(archive, member, budget, name, kind)
    return archive


def _inflated_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, name: str, kind: str) -> int:
    """The bytes `member` really unpacks to, counted chunk by chunk; refused past its declared size or `budget`."""
    if member.is_dir() or member.flag_bits & _ENCRYPTED:
        return 0  # nothing to inflate, or nothing any reader can inflate without the password
    declared = max(0, member.file_size)
    probe = copy.copy(member)
    # zipfile stops at the declared size (and then fails the checksum); let it run on so a lie shows as a count.
    probe.file_size = 1 << 62
    count = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                count += len(chunk)
                if count > declared or count > budget:
                    break
    except NotImplementedError:
        return 0  # a compression method zipfile cannot inflate: no reader here will inflate it either
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError) as exc:
        if count <= declared:
            raise DocumentError(f"{name} is damaged: it is not a readable {kind} file.") from exc
    if count > declared:
        raise DocumentError(
            f"{name} contains a file that unpacks to more than the size it declares (a 'zip bomb'); it was not opened."
        )
    if count > budget:
        raise DocumentError(
            f"{name} would unpack to more than {MAX_TOTAL_BYTES / 1024 / 1024:,.0f} MB, more than a {kind} should; "
            "it was not opened."
        )
    return count


def member_names(data: bytes) -> set[str]:
    """Names in a zip archive, or an empty set when it cannot be read (for sniffing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except Exception:  # sniffing must never fail; the real loader reports the damage
        return set()


def read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    """The bytes of one archive member, or empty bytes when it is missing or damaged."""
    try:
        return archive.read(member)
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return b""
