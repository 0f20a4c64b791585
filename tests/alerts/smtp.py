"""A real SMTP server for the alerts tests: aiosmtpd on 127.0.0.1 at a free port, that can be
stopped and started again on the same port (the mail server down, then back), and that can
hold one message in DATA without answering (a worker killed mid-send)."""

import asyncio
import socket
import threading
import time
from email import message_from_bytes

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

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            number = len(self.messages) + 1
        if self.hold_at == number and not self.release.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 Not accepted (held by the test)"
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address):
        with self.lock:
            return [message for rcpts, message in self.messages if address in rcpts]

    def count(self):
        with self.lock:
            return len(self.messages)


class SMTPServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.sink = Sink()
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

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def mailers(self):
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }


def text_part(message):
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
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part
    return None
