"""Production hardening a visitor or an attacker would notice: headers, HTTPS, CSP, lockout,
password rules and upload limits."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "www.opeiu.org",
    "DATABASE_URL": "postgres://opeiu:secret@db.internal:5432/opeiu",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def test_check_deploy_reports_nothing_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "HTTPS"}
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.clock
def test_public_pages_send_strict_security_headers(client, home):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["script-src"] == "'self'"  # no nonce: one cached body fits everyone
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    # JSON-LD data blocks are the only inline scripts; never executed, they need no nonce.
    assert '<script type="application/ld+json">' in response.content.decode()
    assert "nonce=" not in response.content.decode()


@pytest.mark.clock
def test_admin_gets_the_relaxed_policy_only_under_admin(client, home):
    response = client.get("/admin/login/")
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" in csp
    assert "frame-ancestors 'self'" in csp
    assert "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"]


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=63_072_000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)
@pytest.mark.clock
def test_https_redirect_and_hsts_behind_the_proxy(home):
    client = Client()
    plain = client.get("/", HTTP_HOST="localhost")
    assert plain.status_code == 301
    assert plain["Location"] == "https://localhost/"
    # The proxy terminates TLS and says so in X-Forwarded-Proto.
    proxied = client.get("/", HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"] == ("max-age=63072000; includeSubDomains; preload")
    # Load balancers probe the health check over plain HTTP.
    assert client.get("/healthz", HTTP_HOST="localhost").status_code == 200


def _login(client, password, ip, forwarded_for=None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    # The one login form (django-allauth's; /admin/login/ sends there).
    return client.post("/accounts/login/", {"login": "organizer", "password": password}, **extra)


def test_admin_login_locks_out_username_and_ip(db, django_user_model):
    django_user_model.objects.create_user(
        "organizer", password="correct horse battery", is_staff=True, is_superuser=True
    )
    attacker = Client()
    for attempt in range(5):
        # A forged X-Forwarded-For on each try does not count as a new address.
        response = _login(attacker, "wrong", "203.0.113.9", forwarded_for=f"10.0.0.{attempt}")
        assert response.status_code in (200, 429)
    locked = _login(Client(), "correct horse battery", "203.0.113.9", forwarded_for="8.8.8.8")
    assert locked.status_code == 429, "the right password must not work while locked out"
    assert "_auth_user_id" not in locked.wsgi_request.session

    # The same username from another address is a different pair and still logs in.
    elsewhere = _login(Client(), "correct horse battery", "198.51.100.7")
    assert elsewhere.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=2, TRUSTED_PROXY_IPS=["10.0.0.0/24"])
def test_behind_two_proxies_an_attacker_cannot_lock_out_the_owner(db, django_user_model):
    """Everyone reaches the site from the inner proxy's address; the lockout keys on each
    visitor's own address (and the username), so five wrong passwords from an attacker leave
    the owner logging in from home."""
    django_user_model.objects.create_user(
        "organizer", password="correct horse battery", is_staff=True, is_superuser=True
    )
    for _ in range(6):
        _login(Client(), "wrong", "10.0.0.2", forwarded_for="6.6.6.6, 203.0.113.9, 10.0.0.1")
    attacker = _login(Client(), "correct horse battery", "10.0.0.2", "203.0.113.9, 10.0.0.1")
    assert attacker.status_code == 429
    owner = _login(Client(), "correct horse battery", "10.0.0.2", "198.51.100.7, 10.0.0.1")
    assert owner.status_code == 302, "the owner's own address is not locked"


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXY_IPS=["10.0.0.2"])
def test_behind_one_trusted_proxy_the_proxy_supplied_address_counts(db):
    from django.test import RequestFactory

    from opeiu_site.core.client import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    # The client wrote "6.6.6.6"; the proxy appended the address it really saw.
    assert client_ip(request) == "203.0.113.9"


@pytest.mark.parametrize(
    "password",
    ["short", "password1234", "839201748392017", "organizer-organizer"],
)
def test_weak_passwords_are_refused(password, django_user_model, db):
    user = django_user_model(username="organizer-organizer")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_passphrase_is_accepted(django_user_model, db):
    validate_password("picket line at dawn 42", django_user_model(username="organizer"))


def _png(width, height):
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def _image_form(upload):
    form_class = get_image_form(get_image_model())
    return form_class(data={"title": "Rally"}, files={"file": upload})


def test_images_beyond_the_pixel_limit_are_refused(db):
    assert _image_form(_png(64, 64)).is_valid()
    form = _image_form(_png(8000, 5001))  # 40 million pixels and one row more
    assert not form.is_valid()
    assert "file" in form.errors


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2_000)
def test_images_beyond_the_byte_limit_are_refused(db):
    noisy = io.BytesIO()
    PILImage.frombytes("L", (100, 100), os.urandom(10_000)).save(noisy, "PNG")
    form = _image_form(SimpleUploadedFile("noise.png", noisy.getvalue(), "image/png"))
    assert not form.is_valid()
    assert "file" in form.errors


def _document_form(name, content, content_type="application/octet-stream"):
    form_class = get_document_form(get_document_model())
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return form_class(data={"title": name}, files={"file": upload})


@pytest.mark.parametrize("name", ["flyer.html", "flyer.htm", "logo.svg", "run.js", "x.xhtml"])
def test_html_svg_and_scripts_cannot_be_uploaded_as_documents(name, db):
    form = _document_form(name, b"<script>alert(1)</script>", "text/html")
    assert not form.is_valid()
    assert "file" in form.errors


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1_000)
def test_documents_beyond_the_size_limit_are_refused(db):
    assert _document_form("minutes.txt", b"x" * 500).is_valid()
    form = _document_form("minutes.txt", b"x" * 2_000)
    assert not form.is_valid()


def test_documents_are_downloads_except_pdf(client, home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text_form = _document_form("minutes.txt", b"<script>alert(1)</script>", "text/plain")
    pdf_form = _document_form("contract.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert text_form.is_valid() and pdf_form.is_valid()
    text_doc, pdf_doc = text_form.save(), pdf_form.save()

    response = client.get(text_doc.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert client.get(pdf_doc.url)["Content-Disposition"].startswith("inline")
