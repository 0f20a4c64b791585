"""Back up and restore the database and media: pg_dump/pg_restore on PostgreSQL, SQLite's
online backup API on SQLite, a tar archive for media, and a manifest of counts to check a
restore against. Used by `manage.py backup` / `manage.py restore` (and scripts/backup.sh)."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import environ
from django.conf import settings
from django.db import connections
from django.db.utils import load_backend
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    pass


# --- what a backup must bring back ------------------------------------------------------------


def _models():
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    image_model = get_image_model()
    counted = {
        "pages": Page,
        "revisions": Revision,
        "form_submissions": FormSubmission,
        "images": image_model,
        "documents": get_document_model(),
    }
    with_files = [image_model, image_model.get_rendition_model(), get_document_model()]
    return counted, with_files


def content_counts(connection=None):
    """Row counts of what a restore must bring back, on any connection (raw SQL, so it also
    works on a database Django has no alias for)."""
    connection = connection or connections["default"]
    counted, _ = _models()
    with connection.cursor() as cursor:
        counts = {}
        for name, model in counted.items():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            counts[name] = cursor.fetchone()[0]
    return counts


def media_files(connection=None):
    """Relative paths of every file the database refers to (originals and renditions)."""
    connection = connection or connections["default"]
    _, with_files = _models()
    names = []
    with connection.cursor() as cursor:
        for model in with_files:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT {connection.ops.quote_name('file')} FROM {table}")
            names += [row[0] for row in cursor.fetchall()]
    return sorted(name for name in names if name)


def _pg_env_and_args(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


# --- backup -----------------------------------------------------------------------------------


def backup(destination, alias="default", media_root=None):
    """Write a backup folder at `destination`; return its manifest."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=False)
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(db)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
             "-f", str(destination / POSTGRES_DUMP), db["NAME"]],
            env=env,
        )  # fmt: skip
        database_file = POSTGRES_DUMP
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(destination / SQLITE_COPY)
        with target:
            connection.connection.backup(target)  # consistent even while others write
        target.close()
        database_file = SQLITE_COPY
    else:
        raise BackupError(f"No backup method for {connection.vendor}")

    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(destination / MEDIA_ARCHIVE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "created": timezone.now().isoformat(),
        "engine": connection.vendor,
        "database_file": database_file,
        "counts": content_counts(connection),
        "files": media_files(connection),
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


# --- restore ----------------------------------------------------------------------------------


def restore(source, database_url=None, media_root=None):
    """Restore a backup folder into `database_url` (default: the configured database) and
    `media_root`; verify the counts and files. Returns a list of problems (empty = good)."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    db = (
        environ.Env.db_url_config(database_url)
        if database_url
        else dict(settings.DATABASES["default"])
    )
    engine = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite"
    if engine != manifest["engine"]:
        raise BackupError(f"A {manifest['engine']} backup cannot be restored into {engine}")

    if engine == "postgresql":
        env, args = _pg_env_and_args(db)
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--exit-on-error", *args, "-d", db["NAME"], str(source / POSTGRES_DUMP)],
            env=env,
        )  # fmt: skip
    else:
        backup_copy = sqlite3.connect(source / SQLITE_COPY)
        target = sqlite3.connect(db["NAME"])
        with target:
            backup_copy.backup(target)
        target.close()
        backup_copy.close()

    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_ARCHIVE) as archive:
        staging = media_root.parent / f".restore-{os.getpid()}"
        archive.extractall(staging, filter="data")
        extracted = staging / "media"
        if extracted.exists():
            shutil.copytree(extracted, media_root, dirs_exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    return verify(manifest, db, media_root)


def verify(manifest, db, media_root):
    """Compare a restored database and media folder with the backup's manifest."""
    settings_dict = {**settings.DATABASES["default"], **db}
    connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict)
    try:
        counts = content_counts(connection)
        files = media_files(connection)
    finally:
        connection.close()
    problems = [
        f"{name}: {counts[name]} restored, {expected} in the backup"
        for name, expected in manifest["counts"].items()
        if counts.get(name) != expected
    ]
    problems += [f"missing file: {name}" for name in files if not (media_root / name).is_file()]
    return problems
