"""Zip files the page gives the user (the audit packet, a backup of everything) and backups read
back, with Python's own ``zipfile``: the page hands the worker its files as paths in Pyodide's
file system, and takes the zip (or a backup's files) back the same way.

A backup comes from anywhere (an old download, another computer, a stranger): everything in it is
checked before anything is restored. A member with an unsafe name, one that unpacks larger than a
certificate can be, or one the backup does not list is left out and said so; a backup that is not
one is refused whole. Nothing here raises on a bad file: every answer names what was wrong.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from calc.fields import MAX_JSON_DEPTH, json_too_deep

# What a certificate comes as: PDF and the usual photo formats (HEIC from iPhones is kept even
# though browsers cannot show it). The page takes these, and the size limit, from its contract.
CERTIFICATE_KINDS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
    "heif": "image/heif",
}
# A scan or photo of a certificate is well under this; anything larger is more likely a mistake.
MAX_CERTIFICATE_BYTES = 20 * 1024 * 1024
MAX_LOG_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 5000
# All of a backup's files together, unpacked: a zip bomb stops here even if each member is small.
MAX_BACKUP_BYTES = 1024 * 1024 * 1024
LOG_MEMBER = "log.json"
FILES_MEMBER = "files.json"
CERTIFICATES = "certificates/"
_CHUNK = 1024 * 1024


class ArchiveProblem(ValueError):
    """A zip that cannot be made or read, in a sentence for the user."""


def safe_member(name: str) -> bool:
    """Whether a member's name stays inside the zip wherever it is unpacked."""
    if not name or len(name) > 255 or name.startswith(("/", "\\")) or "\\" in name:
        return False
    if any(ord(c) < 32 for c in name) or (len(name) > 1 and name[1] == ":"):
        return False
    parts = name.split("/")
    return all(part not in ("", ".", "..") for part in parts)


@dataclass(frozen=True)
class Entry:
    """One member of a zip to write: text, or the bytes of a file at ``path``."""

    name: str
    text: str | None = None
    path: str | None = None


def entries(raw: Any, inputs: Sequence[str]) -> list[Entry]:
    """The page's list of members (``{"name", "text"}`` or ``{"name", "input": i}``), checked."""
    if not isinstance(raw, list):
        raise ArchiveProblem("the zip's contents must be a list")
    found: list[Entry] = []
    seen: set[str] = set()
    for item in raw:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not safe_member(name):
            raise ArchiveProblem(f"{name!r} is not a name a zip member can have")
        if name in seen:
            raise ArchiveProblem(f"{name} is in the zip twice")
        seen.add(name)
        text, index = item.get("text"), item.get("input")
        if isinstance(text, str):
            found.append(Entry(name, text=text))
        elif isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(inputs):
            found.append(Entry(name, path=inputs[index]))
        else:
            raise ArchiveProblem(f"{name} has neither text nor a file")
    return found


def write_zip(out: str, members: Sequence[Entry]) -> None:
    """Text is compressed; files (PDFs and photos, compressed already) are stored as they are,
    which costs no time and keeps each one exactly as it was given."""
    with zipfile.ZipFile(out, "w") as z:
        for m in members:
            info = zipfile.ZipInfo(m.name, date_time=(1980, 1, 1, 0, 0, 0))
            if m.text is not None:
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, m.text.encode("utf-8"))
            else:
                assert m.path is not None
                info.compress_type = zipfile.ZIP_STORED
                info.file_size = os.path.getsize(m.path)
                with open(m.path, "rb") as source, z.open(info, "w") as target:
                    shutil.copyfileobj(source, target, _CHUNK)


@dataclass(frozen=True)
class Restored:
    """A backup read: the log's text as it was saved, each certificate kept (written to
    ``outputs[i]``) with what the backup says of it, and what was left out, in sentences."""

    log: str
    files: tuple[dict[str, Any], ...]
    notes: tuple[str, ...]


def _bounded(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, out: str | None
) -> bytes | None:
    """A member's bytes, read no further than ``limit`` whatever its header claims (a zip bomb
    can lie about its size); None when it is larger. Written to ``out`` when given."""
    read = 0
    chunks: list[bytes] = []
    with z.open(info) as source, contextlib.ExitStack() as files:
        target = files.enter_context(open(out, "wb")) if out else None
        while chunk := source.read(_CHUNK):
            read += len(chunk)
            if read > limit:
                return None
            if target:
                target.write(chunk)
            else:
                chunks.append(chunk)
    return b"".join(chunks)


def _json(text: str) -> Any:
    """JSON read from a backup, its nesting checked first: json recurses once a level, and deep
    nesting overflows the WebAssembly stack inside Pyodide (calc.fields.json_too_deep)."""
    if json_too_deep(text):
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    return json.loads(text)


def _listing(raw: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise ArchiveProblem(f"{name}: its list of files (files.json) is not a list of files")
    listed: list[dict[str, Any]] = []
    for item in raw:
        fields = {k: item.get(k) for k in ("activity", "name", "type", "path", "added")}
        if not all(isinstance(fields[k], str) and fields[k] for k in ("activity", "name", "path")):
            raise ArchiveProblem(
                f"{name}: a file in its list (files.json) has no activity, name or path"
            )
        listed.append(fields)
    return listed


def read_backup(path: str, name: str, out_dir: str) -> Restored:
    """Reads the backup at ``path`` (the user's file ``name``); each certificate it restores is
    written into ``out_dir``. Raises :class:`ArchiveProblem` when it is not a usable backup."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveProblem(f"{name} is not a zip file CEC Guide can read ({exc})") from None
    with z:
        members = z.infolist()
        if len(members) > MAX_MEMBERS:
            raise ArchiveProblem(f"{name} holds {len(members)} files: a backup holds far fewer")
        by_name = {info.filename: info for info in members}
        if LOG_MEMBER not in by_name:
            raise ArchiveProblem(f"{name} has no {LOG_MEMBER}: it is not a CEC Guide backup")
        try:
            log_bytes = _bounded(z, by_name[LOG_MEMBER], MAX_LOG_BYTES, None)
            listing = (
                _bounded(z, by_name[FILES_MEMBER], MAX_LOG_BYTES, None)
                if FILES_MEMBER in by_name
                else b"[]"
            )
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ArchiveProblem(f"{name} is damaged ({exc})") from None
        if log_bytes is None or listing is None:
            raise ArchiveProblem(f"{name}: its log unpacks far larger than a log can be")
        try:
            log = log_bytes.decode("utf-8")
            data = _json(log)
            raw_listing = _json(listing.decode("utf-8"))
        except ValueError as exc:  # not UTF-8, not JSON, nested too deep, a number too long
            raise ArchiveProblem(f"{name}: its log cannot be read ({exc})") from None
        listed = _listing(raw_listing, name)
        if not isinstance(data, dict) or data.get("format") != "cec-guide-log":
            raise ArchiveProblem(f"{name}: its {LOG_MEMBER} is not a CEC Guide log")
        notes: list[str] = []
        files: list[dict[str, Any]] = []
        total = 0
        wanted = {item["path"] for item in listed}
        for info in members:
            member = info.filename
            if member in (LOG_MEMBER, FILES_MEMBER, "README.txt") or member.endswith("/"):
                continue
            if not safe_member(member):
                notes.append(f"{member!r} was left out: its name points outside the backup.")
            elif member not in wanted:
                notes.append(f"{member} was left out: the backup's list of files does not name it.")
        for item in listed:
            member = item["path"]
            info_or_none = by_name.get(member)
            shown = item["name"]
            if not safe_member(member) or not member.startswith(CERTIFICATES):
                notes.append(
                    f"{shown} was not restored: its place in the backup ({member!r}) is unsafe."
                )
                continue
            if info_or_none is None:
                notes.append(
                    f"{shown} was not restored: the backup lists it ({member}) "
                    "but does not hold it."
                )
                continue
            out = os.path.join(out_dir, f"file-{len(files)}")
            try:
                got = _bounded(z, info_or_none, MAX_CERTIFICATE_BYTES, out)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                if os.path.exists(out):
                    os.remove(out)
                notes.append(f"{shown} was not restored: it is damaged in the backup ({exc}).")
                continue
            size = os.path.getsize(out)
            if got is None:
                os.remove(out)
                notes.append(
                    f"{shown} was not restored: it unpacks larger than "
                    f"{MAX_CERTIFICATE_BYTES // (1024 * 1024)} MB, the limit for a certificate."
                )
                continue
            total += size
            if total > MAX_BACKUP_BYTES:
                os.remove(out)
                raise ArchiveProblem(f"{name} unpacks larger than any CEC Guide backup can be")
            ext = shown.rsplit(".", 1)[-1].lower() if "." in shown else ""
            kind = item["type"] if item["type"] in CERTIFICATE_KINDS.values() else None
            kind = kind or CERTIFICATE_KINDS.get(ext)
            if size == 0 or kind is None:
                os.remove(out)
                why = "it is empty" if size == 0 else "it is not a PDF or a photo"
                notes.append(f"{shown} was not restored: {why}.")
                continue
            files.append(
                {
                    "activity": item["activity"],
                    "name": shown,
                    "type": kind,
                    "size": size,
                    "added": item["added"] or "",
                    "output": len(files),
                    "path": out,
                }
            )
    return Restored(log, tuple(files), tuple(notes))
