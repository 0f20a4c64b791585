"""One real SMTP server for every test that sends mail: aiosmtpd on 127.0.0.1 at a free port.

- `smtp` (fixture): a server started for the test, the site's `MAILERS` pointed at it; yields
  its `Sink` (`sink.messages`, `sink.to(address)`, `sink.port`, `sink.server`).
- `SMTPServer`: for tests that stop the server and start it again on the same port (the mail
  server down, then back), hold one message in DATA without answering (a worker killed
  mid-send), or hand its address to a subprocess (`server.url`, for EMAIL_URL).
- `text_part`, `html_part`, `calendar_part`, `code_in`: read what arrived.

Each accepted message is the parsed `email.message.Message`, with the envelope's recipients in
`message.rcpt_tos` (a Bcc or a list message has them only there).
"""

import asyncio
import re
import socket
import threading
import time
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """The handler: every accepted message, parsed, with its envelope recipients."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.hold_at = None  # the number of the message to hold (1-based), once
        self.holding = threading.Event()
        self.release = threading.Event()
        self.port = None
        self.server = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            number = len(self.messages) + 1
        if self.hold_at == number and not self.release.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 Not accepted (held by the test)"
        message = message_from_bytes(envelope.content)
        message.rcpt_tos = list(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def to(self, address):
        """The messages whose envelope or To: header names `address`."""
        with self.lock:
            return [m for m in self.messages if address in m.rcpt_tos or (m["To"] or "") == address]

    def count(self):
        with self.lock:
            return len(self.messages)

    def wait_for(self, count, seconds=30):
        """Poll (never sleep blindly) until `count` messages have arrived; the messages."""
        deadline = time.monotonic() + seconds
        while self.count() < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.count()} of {count} messages arrived in {seconds} s")
            time.sleep(0.02)
        with self.lock:
            return list(self.messages)


class SMTPServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.sink = Sink()
        self.sink.port = self.port
        self.sink.server = self
        self.controller = None

    def start(self):
        self.controller = Controller(
            self.sink, hostname="127.0.0.1", port=self.port, loop=asyncio.new_event_loop()
        )
        deadline = time.monotonic() + 10
        while True:  # the port may linger for a moment after a stop
            try:
                self.controller.start()
                return self
            except (OSError, RuntimeError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        """For a subprocess's EMAIL_URL (django-environ)."""
        return f"smtp://127.0.0.1:{self.port}"

    def mailers(self):
        """For `settings.MAILERS` in this process."""
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port for this test; the site's mail goes to it."""
    with SMTPServer() as server:
        settings.MAILERS = server.mailers()
        yield server.sink


def text_part(message):
    """The plain-text body (not an attachment)."""
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            return part.get_payload(decode=True).decode()
    return ""


def html_part(message):
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode()
    return ""


def calendar_part(message):
    """The text/calendar part (an invitation or an attached .ics), or None."""
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part
    return None


CODE_LINE = re.compile(r"OPEIU website:\s+(\S+)\s")


def code_in(message):
    """The sign-in code in allauth's login-code email."""
    return CODE_LINE.search(text_part(message)).group(1)
