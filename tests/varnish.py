"""varnishd on loopback, for the tests and the benchmark: a VCL (the shipped
deploy/varnish/default.vcl unless told) whose `include "site.vcl"` gets a backend "app" on
loopback and the purgers ACL, in a working directory of its own (a temporary one, removed at
stop(), unless given), on a free port; started and stopped like every server in tests/servers.py.

    varnish = Varnish(tmp_path, backend_port=8123)   # raises VarnishUnavailable without it
    varnish.start(); ...; varnish.stop()
"""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.servers import ROOT, Server, free_port

DEFAULT_VCL = ROOT / "deploy" / "varnish" / "default.vcl"

# What default.vcl includes as "site.vcl" (compose.yaml mounts its own): the backend "app" and
# who may purge (the site, on loopback); then `extra` VCL, if any.
SITE_VCL = """
backend app {{
    .host = "127.0.0.1";
    .port = "{port}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;{probe}
}}

acl purgers {{
    "127.0.0.1";
}}
{extra}"""

# A health probe, so that Varnish notices a backend that went away and serves from grace.
PROBE = """
    .probe = {
        .url = "/healthz";
        .interval = 0.5s;
        .timeout = 1s;
        .window = 2;
        .threshold = 1;
        .initial = 1;
    }"""


class VarnishUnavailable(Exception):
    pass


def varnishd():
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )


class Varnish(Server):
    """varnishd in the foreground with `vcl`, in front of gunicorn on `backend_port`. With
    `probe` the backend is health-checked (wait_for_backend("sick") after stopping it);
    `extra_vcl` is appended to site.vcl. The VCL is compiled here, before start()."""

    name = "varnishd"

    def __init__(
        self, directory, backend_port, *, vcl=DEFAULT_VCL, probe=True, extra_vcl="",
        port=None, memory="64m",
    ):  # fmt: skip
        self.binary = varnishd()
        if self.binary is None:
            raise VarnishUnavailable("varnishd is not installed")
        self.temporary = directory is None
        if directory is None:
            directory = tempfile.mkdtemp(prefix="opeiu-varnish-")
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        super().__init__(port, cwd=self.directory)
        (self.directory / "site.vcl").write_text(
            SITE_VCL.format(port=backend_port, probe=PROBE if probe else "", extra=extra_vcl)
        )
        self.vcl = Path(vcl).resolve()
        self.workdir = self.directory / "varnish-n"
        self.memory = memory
        self._check_compiles()

    def _args(self):
        return [
            self.binary,
            "-n",
            str(self.workdir),
            "-j",
            "none",
            "-p",
            f"vcl_path={self.directory}:{self.vcl.parent}",
            "-f",
            str(self.vcl),
        ]

    def _check_compiles(self):
        result = subprocess.run(
            [*self._args(), "-C"], capture_output=True, text=True, timeout=60, check=False
        )
        if result.returncode != 0:
            self._remove_directory()
            raise VarnishUnavailable(f"{self.vcl.name} does not compile here:\n{result.stderr}")

    def command(self):
        return [
            *self._args(),
            "-F",
            "-a",
            f"127.0.0.1:{self.port}",
            "-T",
            f"127.0.0.1:{free_port()}",
            "-s",
            f"malloc,{self.memory}",
        ]

    def adm(self, *command):
        return subprocess.run(
            ["varnishadm", "-n", str(self.workdir), *command],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout

    def wait_for_backend(self, state, seconds=30):
        """Poll the health probe until the backend is "healthy" or "sick"."""
        deadline = time.monotonic() + seconds
        while True:
            listing = self.adm("backend.list").lower()
            if state in listing:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"backend never became {state}:\n{listing}")
            time.sleep(0.2)

    def stop(self, seconds=30):
        output = super().stop(seconds)
        self._remove_directory()
        return output

    def _remove_directory(self):
        if self.temporary:
            shutil.rmtree(self.directory, ignore_errors=True)
