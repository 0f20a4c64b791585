"""A real SMTP server for the members tests (aiosmtpd on a free port on 127.0.0.1), and the
site's mail settings pointed at it."""

import asyncio
import re
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


def text_of(message):
    if message.is_multipart():
        message = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return message.get_payload(decode=True).decode()


CODE_LINE = re.compile(r"OPEIU website:\s+(\S+)\s")


def code_in(message):
    return CODE_LINE.search(text_of(message)).group(1)


@pytest.fixture
def smtp(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    inbox.port = port
    controller = Controller(inbox, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    yield inbox
    controller.stop()
