"""What the Docker image runs, run here: collectstatic, migrate, gunicorn with DEBUG off."""

import re

import pytest

from tests.servers import http_get, start_demo_server


@pytest.mark.slow
def test_collectstatic_migrate_and_gunicorn_serve_the_site(tmp_path):
    server = start_demo_server(tmp_path)
    try:
        base = server.base_url
        status, _, body = http_get(base + "/")
        html = body.decode()
        assert status == 200
        assert "80 Eighth Avenue, Suite 201" in html
        # The stylesheet is the hashed, compressed copy collectstatic made.
        css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
        assert css, "stylesheet is not served from the manifest"
        status, headers, _ = http_get(base + css.group(1))
        assert status == 200
        assert "max-age=315360000" in headers.get("Cache-Control", "")

        status, _, body = http_get(base + "/no-such-page/")
        assert status == 404
        assert "Page not found" in body.decode()
        assert "Traceback" not in body.decode()
    finally:
        output = server.stop()
    assert '"GET / HTTP/1.1" 200' in output, "access log should go to stdout"
    # No control socket at the per-user default path every gunicorn here would share.
    assert "Control socket listening" not in output and "Booting worker" in output
