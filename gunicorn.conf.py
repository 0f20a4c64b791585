"""gunicorn settings, all overridable from the environment (see README.md)."""

import os
import sys

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads make gunicorn's gthread worker: a connection that sends nothing (a browser opens
# one or two ahead of need, `make run` has no proxy in front to absorb them) waits in the
# worker's poller after a few seconds instead of holding a sync worker for the whole
# timeout. With 2 workers a second idle connection stopped the site for 30 s.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# The master imports Django, Wagtail and the site once; a worker is a fork of it. Recycling a
# worker then costs a fork instead of a re-import (about a second of CPU, during which the
# other workers carry the load). Code changes need a restart, not a HUP, with this on.
preload_app = os.environ.get("GUNICORN_PRELOAD", "True").lower() in ("1", "true", "yes", "on")
# Recycle workers now and then so a slow leak can never take the site down; the jitter keeps
# them from all restarting at once. At page-cache speed (hundreds of requests a second per
# worker) 10,000 requests is still every minute or so.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "1000"))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "opeiu_site.wsgi:application"
# gunicorn's control socket (for `gunicornc`) defaults to one path per user,
# ~/.gunicorn/gunicorn.ctl, so every gunicorn on a machine (a second site, the tests, the
# benchmark, `make run`) would bind the same file and the first to stop would delete the
# others'. The site does not use it: off unless GUNICORN_CONTROL_SOCKET names a path.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True


def when_ready(server):
    """With the app preloaded, also import the URLconf (every view module) in the master, so a
    new worker serves its first request without importing anything."""
    if preload_app:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 (imports the URLconf)


def pre_fork(server, worker):
    """Loading the app opens no database connection, but if anything in the master ever does,
    a socket shared by forks would corrupt both ends: close it before each fork (a no-op when
    none is open; Redis clients reconnect by themselves in a new process)."""
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


def worker_exit(server, worker):
    """A recycled worker leaves at once, without the interpreter's shutdown: that shutdown
    walks the whole heap inherited from the master (0.8 s on the bench machine), and the
    master forks the replacement only once the old process is gone; with two workers that
    halves capacity, and when both recycle together it stops the site (p99 0.8-1 s in make
    bench). Only a worker that booted: a boot failure keeps its exit code (the master stops
    on it)."""
    if not worker.booted:
        return
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
