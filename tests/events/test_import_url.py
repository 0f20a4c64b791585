"""The calendar import's URL fetch (EVENTS_IMPORT_ALLOW_URLS) is no way into the site's own
network (issue 22, item 9): real HTTPS and HTTP servers on 127.0.0.1, with their own
certificate authority.

With the site's check, loopback is refused before a byte is sent, by IP or by a name that
resolves there, and an open port and a closed one read the same; with a check that lets this
test's own server through, a redirect chain is followed to the calendar, each hop's address
checked again, and a redirect down to http:// or to an address the check refuses stops it.
Nothing of a response (an internal page) reaches the editor."""

import http.server
import ipaddress
import ssl
import subprocess
import threading

import pytest
from django.urls import reverse

from events.importer import ImportFileError, fetch
from tests.servers import free_port

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"
SECRET_PAGE = b"<html>internal admin: root password hunter2</html>"
COULD_NOT_FETCH = "Could not fetch a calendar from this address."
LOOPBACK = ipaddress.ip_address("127.0.0.1")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 and localhost (its own authority)."""
    directory = tmp_path_factory.mktemp("tls")
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


class Server:
    """An HTTP(S) server on 127.0.0.1 answering `routes` {path: (status, headers, body)} and
    recording the paths it was asked for."""

    def __init__(self, routes, certificate=None):
        self.requests = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                status, headers, body = routes.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate[1], certificate[0])
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.base = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers(certificate):
    """An HTTPS server (calendar, redirects, an internal page) and a plain HTTP one."""
    plain = Server({"/calendar.ics": (200, {}, CALENDAR)})
    routes = {
        "/calendar.ics": (200, {"Content-Type": "text/calendar"}, CALENDAR),
        "/hop1": (302, {"Location": "/hop2"}, b""),
        "/hop2": (301, {"Location": "/calendar.ics"}, b""),
        "/down-to-http": (302, {"Location": f"{plain.base}/calendar.ics"}, b""),
        "/elsewhere": (307, {"Location": "https://127.0.0.2:{port}/calendar.ics"}, b""),
        "/internal": (200, {"Content-Type": "text/html"}, SECRET_PAGE),
        "/loop": (302, {"Location": "/loop"}, b""),
    }
    secure = Server(routes, certificate)
    port = secure.httpd.server_address[1]
    location = routes["/elsewhere"][1]["Location"].format(port=port)
    routes["/elsewhere"] = (307, {"Location": location}, b"")
    yield secure, plain
    secure.close()
    plain.close()


@pytest.fixture
def allowed(settings):
    settings.EVENTS_IMPORT_ALLOW_URLS = True


def _client_context(certificate):
    return ssl.create_default_context(cafile=str(certificate[1]))


def _refused(url, **options):
    with pytest.raises(ImportFileError) as error:
        fetch(url, **options)
    return str(error.value)


def test_loopback_is_refused_before_anything_is_sent(allowed, servers, certificate):
    secure, _plain = servers
    context = _client_context(certificate)
    for url in (f"{secure.base}/calendar.ics", secure.base.replace("127.0.0.1", "localhost")):
        assert _refused(url, ssl_context=context) == COULD_NOT_FETCH
    assert secure.requests == []


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "224.0.0.1", "240.0.0.1", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1",
     "::ffff:169.254.169.254"],
)  # fmt: skip
def test_internal_and_metadata_addresses_are_not_public(address):
    from events.importer.fetching import is_public_address

    assert not is_public_address(ipaddress.ip_address(address))


def test_public_addresses_are():
    from events.importer.fetching import is_public_address

    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    assert is_public_address(ipaddress.ip_address("2606:4700::1111"))


def test_an_open_and_a_closed_port_read_the_same(allowed, servers, certificate):
    """Even where the check lets loopback through, a port with nothing behind it, a server
    answering 404 and one answering an internal HTML page all read "could not fetch", with
    nothing of the page."""
    secure, _plain = servers
    options = {"address_allowed": lambda ip: ip == LOOPBACK}
    options["ssl_context"] = _client_context(certificate)
    closed = _refused(f"https://127.0.0.1:{free_port()}/calendar.ics", **options)
    missing = _refused(f"{secure.base}/nothing", **options)
    internal = _refused(f"{secure.base}/internal", **options)
    assert closed == missing == internal == COULD_NOT_FETCH


def test_a_redirect_chain_is_followed_with_every_hop_checked(allowed, servers, certificate):
    secure, _plain = servers
    asked = []

    def loopback_only(ip):
        asked.append(ip)
        return ip == LOOPBACK

    data = fetch(
        f"{secure.base}/hop1",
        address_allowed=loopback_only,
        ssl_context=_client_context(certificate),
    )
    assert data == CALENDAR
    assert secure.requests == ["/hop1", "/hop2", "/calendar.ics"]
    assert len(asked) == 3  # the address checked again at each hop


def test_a_redirect_to_http_or_a_refused_address_stops_there(allowed, servers, certificate):
    secure, plain = servers
    options = {"address_allowed": lambda ip: ip == LOOPBACK}
    options["ssl_context"] = _client_context(certificate)
    assert _refused(f"{secure.base}/down-to-http", **options) == COULD_NOT_FETCH
    assert plain.requests == [], "https must never be followed down to http"
    assert _refused(f"{secure.base}/elsewhere", **options) == COULD_NOT_FETCH
    assert _refused(f"{secure.base}/loop", **options) == COULD_NOT_FETCH
    assert secure.requests.count("/calendar.ics") == 0
    # A plain http:// address is refused as it is given.
    assert "https://" in _refused(f"{plain.base}/calendar.ics", **options)
    assert plain.requests == []


@pytest.mark.django_db
def test_the_admin_import_shows_only_could_not_fetch(allowed, admin_client, home, servers):
    """Through the admin's import form: an internal address gets the one message, and none of
    what the address would have answered."""
    from tests.events.factories import EventIndexPageFactory

    calendar = EventIndexPageFactory(parent=home)
    secure, _plain = servers
    response = admin_client.post(
        reverse("events_import", args=[calendar.pk]),
        {"url": f"{secure.base}/internal", "preview": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert COULD_NOT_FETCH in html
    assert "hunter2" not in html and "internal admin" not in html
    assert secure.requests == []
