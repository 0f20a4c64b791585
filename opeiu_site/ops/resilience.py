"""Ride out a database restart or failover instead of answering 500.

When the database connection fails, the request is retried (after closing the broken
connections) for up to DATABASE_RETRY_SECONDS: always for GET/HEAD, and for other methods
only if the failure happened before any SQL statement of the request was sent, so a sign-up
can never be stored twice. If the database stays away, the answer is a 503 with Retry-After,
which the member's browser can simply resend.
"""

import logging
import sys
import time

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.http import HttpResponse

logger = logging.getLogger(__name__)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class _StatementCounter:
    def __init__(self):
        self.sent = 0

    def __call__(self, execute, sql, params, many, context):
        self.sent += 1
        return execute(sql, params, many, context)


DATABASE_ERRORS = (OperationalError, InterfaceError)
FAILURE_ATTRIBUTE = "_database_failure"


@receiver(got_request_exception)
def _remember_database_failure(sender, request=None, **kwargs):
    """Django turns exceptions into 500 responses inside the middleware chain; note the ones
    that were the database going away, so the middleware can retry."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, FAILURE_ATTRIBUTE, error)


class DatabaseRetryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        deadline = time.monotonic() + settings.DATABASE_RETRY_SECONDS
        delay = 0.1
        while True:
            counter = _StatementCounter()
            setattr(request, FAILURE_ATTRIBUTE, None)
            try:
                with connections["default"].execute_wrapper(counter):
                    response = self.get_response(request)
                error = getattr(request, FAILURE_ATTRIBUTE, None)
            except DATABASE_ERRORS as raised:
                error = raised
            if error is None:
                return response
            # Drop the broken connections; the retry opens fresh ones.
            for connection in connections.all(initialized_only=True):
                connection.close()
            retry = request.method in SAFE_METHODS or counter.sent == 0
            if not retry or time.monotonic() + delay > deadline:
                logger.error("Database unavailable for %s %s: %s", request.method,
                             request.path, error)  # fmt: skip
                response = HttpResponse(
                    "The site is busy for a moment; please try again.\n",
                    status=503,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = "5"
                response["Cache-Control"] = "no-store"
                return response
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
