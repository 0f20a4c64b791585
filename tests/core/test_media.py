"""Django serves demo media (SERVE_MEDIA: development and `make run`) but never documents:
those only go through Wagtail's document view, which applies their collection's privacy."""

import pytest


@pytest.fixture
def media(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "hall.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "contract.pdf").write_bytes(b"%PDF-1.4 private")
    return tmp_path


def test_images_are_served(client, media):
    response = client.get("/media/original_images/hall.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/contract.pdf",
        "/media/original_images/../documents/contract.pdf",
        "/media//documents/contract.pdf",
        "/media/./documents/contract.pdf",
    ],
)
def test_documents_are_never_served_as_media(client, media, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"private" not in b"".join(getattr(response, "streaming_content", [response.content]))
