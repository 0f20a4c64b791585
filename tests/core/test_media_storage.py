"""Media on S3-compatible storage (MEDIA_STORAGE_URL / AWS_*): against moto's standalone S3
server on loopback, images, renditions and documents land in the bucket and not on disk; a
page shows a rendition from the bucket; documents are still streamed by Wagtail's document view,
which refuses a private collection's document to an anonymous visitor."""

import datetime
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import ImageFactory

from opeiu_site.media_storage import image_origins, storage_from_environment
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.servers import free_port, http_get

BUCKET = "opeiu-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's standalone S3 server on a free loopback port, stopped at the end."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


class _Env:
    """A stand-in for django-environ's Env over a dict (settings read only these methods)."""

    def __init__(self, **values):
        self.values = values

    def str(self, name, default=""):
        return self.values.get(name, default)

    def int(self, name, default=0):
        return int(self.values.get(name, default))


@pytest.fixture
def s3_media(s3_endpoint, settings, tmp_path):
    """The site's storage settings from MEDIA_STORAGE_URL, an empty bucket, an empty disk."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    bucket = f"{BUCKET}-{time.monotonic_ns()}"
    client.create_bucket(Bucket=bucket)
    storage = storage_from_environment(
        _Env(
            MEDIA_STORAGE_URL=f"s3://{bucket}/site?endpoint_url={s3_endpoint}&region=us-east-1",
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
        )
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield client, bucket
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


def _keys(client, bucket):
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def _document(title, name, content, collection):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.slow
def test_images_renditions_and_documents_live_in_the_bucket(client, home, s3_media, settings):
    s3, bucket = s3_media
    image = ImageFactory(title="Rally", file__width=1600, file__height=900, file__filename="a.jpg")
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(
        parent=news,
        slug="rally",
        title="Rally",
        date=datetime.date(2024, 5, 1),
        hero_image=image,
        hero_image_alt="Members at the rally",
    )
    root = Collection.get_first_root_node()
    public = _document("Contract", "contract.pdf", b"%PDF-1.4 the contract", root)
    members = root.add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=members, restriction_type=CollectionViewRestriction.LOGIN
    )
    private = _document("Minutes", "minutes.pdf", b"%PDF-1.4 private minutes", members)

    response = client.get("/news/rally/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
    storage = settings.STORAGES["default"]
    endpoint = storage["OPTIONS"]["endpoint_url"]
    from_bucket = [src for src in sources if src.startswith(f"{endpoint}/{bucket}/site/images/")]
    assert from_bucket, sources
    # The presigned rendition URL serves the image; the CSP names its origin.
    status, headers, body = http_get(from_bucket[0].replace("&amp;", "&"))
    assert status == 200 and body[:3] == b"\xff\xd8\xff"
    assert "X-Amz-Signature=" in from_bucket[0]  # SigV4: SigV2 is refused by newer regions
    assert image_origins(storage) == [endpoint]

    keys = _keys(s3, bucket)
    assert f"site/original_images/{image.file.name.rsplit('/', 1)[1]}" in keys
    assert any(key.startswith("site/images/") for key in keys)
    assert {"site/documents/contract.pdf", "site/documents/minutes.pdf"} <= keys
    assert not (settings.MEDIA_ROOT).exists()  # nothing written to local disk

    download = client.get(public.url)
    assert public.url == f"/documents/{public.pk}/contract.pdf"
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 the contract"
    refused = client.get(private.url)
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    assert b"private minutes" not in refused.content

    # The bucket's objects are private: without a signature, S3 says no... where it can.
    # (moto does not enforce bucket policies, so this is a check on what we ask for:
    # no public ACL on any object.)
    for key in keys:
        grants = s3.get_object_acl(Bucket=bucket, Key=key)["Grants"]
        assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants), key


@pytest.mark.slow
def test_two_uploads_of_one_name_keep_both(s3_media, db):
    s3, bucket = s3_media
    root = Collection.get_first_root_node()
    first = _document("One", "notice.pdf", b"%PDF first", root)
    second = _document("Two", "notice.pdf", b"%PDF second", root)
    assert first.file.name != second.file.name
    assert len([k for k in _keys(s3, bucket) if "notice" in k]) == 2


def test_local_disk_is_the_default():
    assert storage_from_environment(_Env()) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_aws_variables_configure_the_bucket():
    storage = storage_from_environment(
        _Env(
            AWS_STORAGE_BUCKET_NAME="opeiu",
            AWS_S3_REGION_NAME="us-east-2",
            AWS_ACCESS_KEY_ID="id",
            AWS_SECRET_ACCESS_KEY="secret",
        )
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "opeiu" and options["region_name"] == "us-east-2"
    assert (options["access_key"], options["secret_key"]) == ("id", "secret")
    assert options["querystring_auth"] is True and options["default_acl"] is None
    assert options["file_overwrite"] is False
    assert image_origins(storage) == [
        "https://opeiu.s3.amazonaws.com",
        "https://opeiu.s3.us-east-2.amazonaws.com",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://bucket/",
        "s3:///prefix",
        "s3://bucket?endpoint=https://x",  # a misspelt parameter is an error, not ignored
        "s3://bucket?querystring_expire=soon",
    ],
)
def test_a_wrong_storage_url_is_a_clear_error(url):
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE_URL"):
        storage_from_environment(_Env(MEDIA_STORAGE_URL=url))


def test_storage_url_and_bucket_variable_must_agree():
    with pytest.raises(ImproperlyConfigured, match="different buckets"):
        storage_from_environment(_Env(MEDIA_STORAGE_URL="s3://one", AWS_STORAGE_BUCKET_NAME="two"))


def test_the_site_settings_read_the_environment():
    """settings.py itself: MEDIA_STORAGE_URL switches STORAGES and lets the CSP load images."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MEDIA_STORAGE"))}
    env.update(
        DEBUG="True",
        DJANGO_SETTINGS_MODULE="opeiu_site.settings",
        MEDIA_STORAGE_URL="s3://opeiu-media/prod?endpoint_url=https://s3.example.org",
    )
    script = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.STORAGES['default'], s.SECURE_CSP['img-src']]))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    storage, img_src = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["location"] == "prod"
    assert "https://s3.example.org" in img_src
