"""Restore drill: back up a site with pages, revisions, submissions, images and documents,
restore it into a fresh database and media folder, and compare."""

import json
import uuid

import pytest
import wagtail_factories
from django.core.management import call_command
from django.db import connection
from wagtail.contrib.forms.models import FormSubmission

from opeiu_site.ops.backups import MANIFEST, content_counts, media_files, restore, verify
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.clock  # reads today's date (tests/clock.py)


@pytest.fixture
def fresh_database_url(tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    yield f"postgres://{user}{password}@{host}:{port}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_into_a_fresh_database(home, settings, tmp_path, fresh_database_url):
    settings.MEDIA_ROOT = tmp_path / "media"
    for number in range(3):
        page = StandardPageFactory(parent=home, slug=f"page-{number}")
        page.save_revision().publish()
        page.title = f"Edited {number}"
        page.save_revision()  # a draft on top of the published revision
    FormSubmission.objects.create(page=home, form_data={"name": "Pat", "email": "p@example.org"})
    image = wagtail_factories.ImageFactory()
    image.get_rendition("fill-120x80")
    wagtail_factories.DocumentFactory()

    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    assert manifest["counts"] == content_counts()
    assert all(manifest["counts"][name] > 0 for name in manifest["counts"])
    assert len(manifest["files"]) == 3  # image, its rendition, document

    restored_media = tmp_path / "restored-media"
    call_command(
        "restore",
        str(tmp_path / "backup"),
        database_url=fresh_database_url,
        media_root=str(restored_media),
    )  # raises CommandError on any count or file mismatch
    assert restore(tmp_path / "backup", fresh_database_url, restored_media) == []
    for name in media_files():
        assert (restored_media / name).read_bytes() == (settings.MEDIA_ROOT / name).read_bytes()

    # The drill notices a lost file.
    (restored_media / manifest["files"][0]).unlink()
    import environ

    problems = verify(manifest, environ.Env.db_url_config(fresh_database_url), restored_media)
    assert problems == [f"missing file: {manifest['files'][0]}"]
