"""Varnish for tests (and the benchmark): the shipped deploy/varnish/default.vcl in front of a
backend on loopback, in a working directory of its own, on a free port, stopped by `stop()`.

    varnish = Varnish(tmp_path, backend_port=8123)   # raises VarnishUnavailable without it
    varnish.start(); ...; varnish.stop()
"""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.servers import ROOT, free_port, http_get

VCL_DIR = ROOT / "deploy" / "varnish"

SITE_VCL = """
backend app {{
    .host = "127.0.0.1";
    .port = "{port}";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = {{
        .url = "/healthz";
        .interval = 0.5s;
        .timeout = 1s;
        .window = 2;
        .threshold = 1;
        .initial = 1;
    }}
}}

acl purgers {{
    "127.0.0.1";
}}
"""


class VarnishUnavailable(Exception):
    pass


def varnishd():
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )


class Varnish:
    def __init__(self, directory, backend_port):
        self.binary = varnishd()
        if self.binary is None:
            raise VarnishUnavailable("varnishd is not installed")
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "site.vcl").write_text(SITE_VCL.format(port=backend_port))
        self.workdir = self.directory / "varnish-n"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = None
        self._check_compiles()

    def _args(self):
        return [
            self.binary,
            "-n",
            str(self.workdir),
            "-j",
            "none",
            "-p",
            f"vcl_path={self.directory}:{VCL_DIR}",
            "-f",
            str(VCL_DIR / "default.vcl"),
        ]

    def _check_compiles(self):
        result = subprocess.run(
            [*self._args(), "-C"], capture_output=True, text=True, timeout=60, check=False
        )
        if result.returncode != 0:
            raise VarnishUnavailable(f"default.vcl does not compile here:\n{result.stderr}")

    def start(self, seconds=30):
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                *self._args(),
                "-F",
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                f"127.0.0.1:{free_port()}",
                "-s",
                "malloc,64m",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + seconds
        while True:
            try:
                if http_get(self.base_url + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"varnishd did not answer within {seconds} s:\n{self.stop()}")
            time.sleep(0.2)

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

    def stop(self):
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log is None or self.log.closed:
            return ""
        self.log.seek(0)
        output = self.log.read().decode(errors="replace")
        self.log.close()
        return output
