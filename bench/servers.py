"""The servers the benchmark drives: gunicorn (the site with the shipped gunicorn.conf.py, or
any WSGI app with fixed flags) and varnishd on loopback in front of it, each polled until it
answers and stopped by the bench itself."""

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_VCL = ROOT / "deploy" / "varnish" / "default.vcl"


def wait_until_up(url, process, what, seconds=90):
    """Poll `url` until any HTTP answer comes back; fail with `what` if the process dies."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # an HTTP answer, even a 404 or 503, means it is serving
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start (see its log above)") from None
            time.sleep(0.2)


class Server:
    process: subprocess.Popen

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class SiteGunicorn(Server):
    """The site as production runs it: `gunicorn -c gunicorn.conf.py`, settings from `env`
    (WEB_CONCURRENCY, GUNICORN_MAX_REQUESTS, GUNICORN_PRELOAD, ...), no access log."""

    def __init__(self, env, port):
        self.url = f"http://127.0.0.1:{port}"
        env = {
            "WEB_CONCURRENCY": "2",
            "GUNICORN_ACCESSLOG": "/dev/null",
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
        }
        command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sys.stderr)
        wait_until_up(self.url + "/healthz", self.process, f"gunicorn on port {port}")


class AppGunicorn(Server):
    """Any WSGI app (the empty `wagtail start` reference): 2 sync workers, no recycling."""

    def __init__(self, env, port, wsgi_app, cwd):
        self.url = f"http://127.0.0.1:{port}"
        command = [
            str(BIN / "gunicorn"), wsgi_app, "--bind", f"127.0.0.1:{port}", "--workers", "2",
            "--worker-class", "sync", "--access-logfile", "/dev/null", "--error-logfile", "-",
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sys.stderr)
        wait_until_up(self.url + "/", self.process, f"gunicorn on port {port}")


def vcl_path(configured=None):
    """The VCL the bench puts in front: BENCH_VARNISH_VCL, else the repository's."""
    path = Path(configured) if configured else DEFAULT_VCL
    if not path.is_file():
        raise SystemExit(
            f"No VCL at {path}: the Varnish rows need the repository's "
            f"deploy/varnish/default.vcl (or BENCH_VARNISH_VCL=/path/to/a.vcl). "
            "BENCH_VARNISH=off runs the bench without them."
        )
    return path


# What deploy/varnish/default.vcl includes as "site.vcl" (compose.yaml mounts its own): the
# backend "app" (the bench's gunicorn) and who may purge (the site, on loopback). Then, for the
# bench's Varnish reference only, static files are cached: the shipped VCL stores only
# responses with cache tags (xkey), which whitenoise's files do not carry. This runs before
# default.vcl's own vcl_backend_response (VCL joins a subroutine's definitions in order) and
# touches nothing but /static/.
SITE_VCL = """
backend app {{
    .host = "127.0.0.1";
    .port = "{port}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}}

acl purgers {{
    "127.0.0.1";
}}

sub vcl_backend_response {{
    if (bereq.url ~ "^/static/" && beresp.status == 200) {{
        set beresp.ttl = 1h;
        return (deliver);
    }}
}}
"""


class Varnish(Server):
    """varnishd in the foreground on 127.0.0.1:`port` with `vcl`, whose `include "site.vcl"`
    gets SITE_VCL (backend "app" = gunicorn on `backend_port`); its working directory is a
    temporary folder removed at stop()."""

    def __init__(self, vcl, port, backend_port, memory="256m"):
        if not shutil.which("varnishd"):
            raise SystemExit("varnishd is not installed (apt-get install varnish varnish-modules)")
        self.url = f"http://127.0.0.1:{port}"
        self.workdir = Path(tempfile.mkdtemp(prefix="opeiu-bench-varnish-"))
        (self.workdir / "site.vcl").write_text(SITE_VCL.format(port=backend_port))
        vcl = Path(vcl).resolve()
        command = [
            "varnishd", "-F", "-j", "none", "-n", str(self.workdir / "n"),
            "-p", f"vcl_path={self.workdir}:{vcl.parent}", "-f", str(vcl),
            "-a", f"127.0.0.1:{port}", "-T", "none", "-s", f"malloc,{memory}",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=sys.stderr, cwd=self.workdir
        )
        wait_until_up(self.url + "/healthz", self.process, f"varnishd on port {port}")

    def stop(self):
        super().stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
