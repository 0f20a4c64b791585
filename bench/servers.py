"""The servers the benchmark drives, on the launchers the tests use (tests/servers.py,
tests/varnish.py): the site with the shipped gunicorn.conf.py, any WSGI app (the empty
`wagtail start` reference) with fixed flags, and varnishd on loopback in front of the site.
Each starts on entering a `with` block, once it answers, and stops on leaving it."""

import sys
from pathlib import Path

from tests.servers import Gunicorn
from tests.varnish import DEFAULT_VCL, Varnish, varnishd

# Quiet servers: the bench's stderr is its progress report, and errors still show in it.
QUIET = ["--log-level", "warning"]


def site_gunicorn(env, port=None):
    """The site as production runs it: `gunicorn -c gunicorn.conf.py`, settings from `env`
    (WEB_CONCURRENCY, GUNICORN_MAX_REQUESTS, GUNICORN_PRELOAD, ...), no access log."""
    return Gunicorn({"GUNICORN_ACCESSLOG": "/dev/null", **env}, port, args=QUIET, log=sys.stderr)


def app_gunicorn(env, wsgi_app, cwd):
    """Any WSGI app (the empty `wagtail start` reference): 2 sync workers, no recycling."""
    flags = ["--workers", "2", "--worker-class", "sync", "--access-logfile", "/dev/null",
             "--error-logfile", "-", *QUIET]  # fmt: skip
    return Gunicorn(env, args=flags, app=wsgi_app, cwd=cwd, log=sys.stderr)


def vcl_path(configured=None):
    """The VCL the bench puts in front: BENCH_VARNISH_VCL, else the repository's."""
    if varnishd() is None:
        raise SystemExit(
            "varnishd is not installed (apt-get install varnish varnish-modules); "
            "BENCH_VARNISH=off runs the bench without the Varnish rows."
        )
    path = Path(configured) if configured else DEFAULT_VCL
    if not path.is_file():
        raise SystemExit(
            f"No VCL at {path}: the Varnish rows need the repository's "
            f"deploy/varnish/default.vcl (or BENCH_VARNISH_VCL=/path/to/a.vcl). "
            "BENCH_VARNISH=off runs the bench without them."
        )
    return path


# For the bench's Varnish reference only, static files are cached: the shipped VCL stores only
# responses with cache tags (xkey), which whitenoise's files do not carry. This runs before
# default.vcl's own vcl_backend_response (VCL joins a subroutine's definitions in order) and
# touches nothing but /static/.
STATIC_FILES_VCL = """
sub vcl_backend_response {
    if (bereq.url ~ "^/static/" && beresp.status == 200) {
        set beresp.ttl = 1h;
        return (deliver);
    }
}
"""


def bench_varnish(vcl, port, backend_port):
    """varnishd on 127.0.0.1:`port` with `vcl` in front of the site on `backend_port`: no
    health probe (a busy backend must not be marked sick mid-measurement), 256 MB of cache,
    the static-file rule above; its working directory is a temporary folder removed at stop."""
    return Varnish(
        None, backend_port, vcl=vcl, probe=False, extra_vcl=STATIC_FILES_VCL, port=port,
        memory="256m",
    )  # fmt: skip
