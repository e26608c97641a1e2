"""Checks on uploaded evidence files: allowed types, size, and that the content matches the name."""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError

MAX_SIZE = 10 * 1024 * 1024

# extension: (content type, check on the first bytes or the whole file)
ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def _is_office(upload, folder: str) -> bool:
    """A docx or xlsx is a zip holding [Content_Types].xml and its own folder."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _is_text(upload) -> bool:
    upload.seek(0)
    sample = upload.read(64 * 1024)
    upload.seek(0)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        if error.start < len(sample) - 3:
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def _content_matches(extension: str, upload) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".docx":
        return _is_office(upload, "word/")
    if extension == ".xlsx":
        return _is_office(upload, "xl/")
    return _is_text(upload)


def check(upload) -> str:
    """The content type of an acceptable upload; raises ValidationError with a plain message otherwise."""
    extension = PurePath(upload.name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError("The file must be a PDF, Word, Excel, CSV, PNG, JPEG or plain text file")
    if upload.size > MAX_SIZE:
        raise ValidationError(f"The file must be smaller than {MAX_SIZE // (1024 * 1024)} MB")
    if upload.size == 0:
        raise ValidationError("The file is empty")
    if not _content_matches(extension, upload):
        raise ValidationError(f"The file’s content is not a real {extension[1:].upper()} file")
    return ALLOWED[extension]
