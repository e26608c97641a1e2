"""One-file backups: every record and every uploaded file, and their restoration.

The archive is a gzipped tar holding ``manifest.json`` (what is inside, with a
checksum), ``data.json`` (Django's serialisation of every record, histories
included, with natural keys so that it loads into a freshly migrated database)
and ``media/`` (uploaded files). PostgreSQL's own ``pg_dump`` remains the
everyday backup (docs/deployment.md); this one moves a whole service between
databases, and proves that nothing is lost.
"""

import hashlib
import io
import json
import re
import tarfile
import tempfile
from collections import Counter
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

FORMAT_VERSION = 1
# Rebuilt by migrations or short-lived: never part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]


class ArchiveError(Exception):
    pass


def included_models():
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded_apps or label in excluded_models or not model._meta.managed:
            continue
        yield model


def record_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in included_models()}


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def write_archive(destination: Path) -> dict:
    """Writes the archive and returns its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        data_path = Path(scratch) / "data.json"
        call_command(
            "dumpdata",
            *[model._meta.label for model in included_models()],
            natural_foreign=True,
            natural_primary=True,
            output=str(data_path),
            verbosity=0,
        )
        files = media_files()
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "data_sha256": hashlib.sha256(data_path.read_bytes()).hexdigest(),
            "records": record_counts(),
            "files": [str(path.relative_to(settings.MEDIA_ROOT)) for path in files],
        }
        with tarfile.open(destination, "w:gz") as archive:
            encoded = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
            archive.add(data_path, arcname="data.json")
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(settings.MEDIA_ROOT)}")
    return manifest


def database_is_empty() -> bool:
    """Empty apart from what migrations create (the role groups)."""
    return all(count == 0 for label, count in record_counts().items() if label != "auth.group")


def _safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise ArchiveError(f"The archive holds an unsafe path: {name}")
    return path


def restore_archive(source: Path) -> dict:
    """Loads an archive into an empty database and its files into MEDIA_ROOT. All or nothing."""
    if not database_is_empty():
        raise ArchiveError("The database already holds records. Restore only into an empty, migrated database.")
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed by the with statement below
    except (tarfile.TarError, OSError) as error:
        raise ArchiveError(f"This is not a backup archive: {error}") from None
    with archive, tempfile.TemporaryDirectory() as scratch:
        names = {member.name: member for member in archive.getmembers()}
        for name in names:
            _safe_member_path(name)
        if "manifest.json" not in names or "data.json" not in names:
            raise ArchiveError("The archive has no manifest or no data.")
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ArchiveError(f"The archive's format {manifest.get('format')} is not {FORMAT_VERSION}.")
        data = archive.extractfile("data.json").read()
        if hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
            raise ArchiveError("The archive's data does not match its checksum: it is damaged.")
        data_path = Path(scratch) / "data.json"
        data_path.write_bytes(data)
        # The archive holds the history already: loading it must not write more (many-to-many
        # changes would, as loaddata sets them outside django-simple-history's raw-save check).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(data_path), verbosity=0)
            restored = record_counts()
            if restored != manifest["records"]:
                missing = {k: (v, restored.get(k)) for k, v in manifest["records"].items() if restored.get(k) != v}
                raise ArchiveError(f"The restored records do not match the manifest: {missing}")
        media_root = Path(settings.MEDIA_ROOT)
        for relative in manifest["files"]:
            member = names.get(f"media/{relative}")
            if member is None or not member.isfile():
                raise ArchiveError(f"The archive lacks the file {relative}.")
            target = media_root / _safe_member_path(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(member).read())
    return manifest


ZERO_MILLISECONDS = re.compile(r'(T\d\d:\d\d:\d\d)\.000(?=Z|[+-]\d\d:\d\d")')


def serialised_snapshot() -> Counter:
    """Every record as natural-key JSON, for comparing two databases (tests)."""
    snapshot = Counter()
    for model in included_models():
        for obj in model._default_manager.all():
            text = serializers.serialize("json", [obj], use_natural_foreign_keys=True, use_natural_primary_keys=True)
            # JSON keeps milliseconds: a time whose microseconds were under 1,000 is written "…:21.000Z"
            # before a round trip and "…:21Z" after it. The same instant, so compare them alike.
            snapshot[ZERO_MILLISECONDS.sub(r"\1", text)] += 1
    return snapshot
