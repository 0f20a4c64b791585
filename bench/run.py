"""`make bench`: build the data set, serve with gunicorn, drive with wrk, print the table.

Steps (each printed as it runs): migrate + load_demo + collectstatic into a scratch folder,
measure queries and render time in-process on the demo data, build the large data set
(bench/dataset.py), measure again, then for the site (page cache off, then on) and for two
references (a static file served by whitenoise, and the home page of an empty `wagtail start`
project) run wrk for BENCH_DURATION seconds per URL against gunicorn on 127.0.0.1 (DEBUG off,
2 sync workers). DATABASE_URL selects PostgreSQL (the bench fills that database: give it a
scratch one); without it a scratch SQLite file is used.

Environment: BENCH_DURATION (s, default 10), BENCH_SCALE (default 1), BENCH_CONNECTIONS
(default 4), BENCH_PORT (default 8110; the reference uses the next port), DATABASE_URL.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8110"))


def step(message):
    print(f"== {message}", file=sys.stderr, flush=True)


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else sys.stderr,
    )
    return result.stdout


def python_module(env, module, *args):
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return result.stdout


def redis_url():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/0"
    except OSError:
        return None


class Gunicorn:
    def __init__(self, env, port, wsgi_app, cwd):
        self.url = f"http://127.0.0.1:{port}"
        command = [
            str(BIN / "gunicorn"), wsgi_app, "--bind", f"127.0.0.1:{port}", "--workers", "2",
            "--worker-class", "sync", "--access-logfile", "/dev/null", "--error-logfile", "-",
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stderr=sys.stderr)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=5)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"gunicorn on port {port} did not start") from None
                time.sleep(0.3)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url):
    """Run wrk; return req/s, p50 and p99 latency (ms) and the non-2xx/3xx count."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    def latency(percentile):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * _UNITS[match.group(2)] if match else None

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(errors.group(1)) if errors else 0,
    }


def prepare_site(env, workdir):
    step("migrate, load_demo, collectstatic")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    step("in-process measurement on the demo data")
    demo = json.loads(python_module(env, "bench.measure"))
    step("building the large data set")
    subprocess.run([sys.executable, "-m", "bench.dataset"], cwd=ROOT, env=env, check=True)
    step("in-process measurement on the large data set")
    large = json.loads(python_module(env, "bench.measure"))
    return demo, large


def static_path(env):
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    from bench.config import STATIC_REFERENCE

    paths = json.loads(manifest.read_text())["paths"]
    return "/static/" + paths[STATIC_REFERENCE]


def reference_wagtail(workdir, base_env):
    """An empty `wagtail start` project, migrated, served the same way."""
    step("empty `wagtail start` project (reference)")
    project = workdir / "reference"
    project.mkdir()
    subprocess.run([str(BIN / "wagtail"), "start", "benchref", str(project)], check=True)
    (project / "benchref" / "settings" / "bench.py").write_text(
        "from .base import *  # noqa\n"
        "import environ\n"
        "DEBUG = False\nALLOWED_HOSTS = ['*']\nSECRET_KEY = 'bench-reference-' + 'x' * 40\n"
        "DATABASES = {'default': environ.Env.db_url_config("
        f"{base_env['REFERENCE_DATABASE_URL']!r})}}\n"
        "DATABASES['default']['CONN_MAX_AGE'] = 600\n"
        # Wagtail's search index on PostgreSQL needs django.contrib.postgres.
        "if 'postgresql' in DATABASES['default']['ENGINE']:\n"
        "    INSTALLED_APPS = [*INSTALLED_APPS, 'django.contrib.postgres']\n"
    )
    env = {**base_env, "DJANGO_SETTINGS_MODULE": "benchref.settings.bench"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=project, env=env,
        check=True,
    )  # fmt: skip
    return project, env


def _postgres_scratch(url, suffix):
    """A fresh database beside the one DATABASE_URL names, for the reference project."""
    import environ

    db = environ.Env.db_url_config(url)
    name = f"{db['NAME']}_{suffix}"
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    args += ["-U", str(db.get("USER") or "postgres")]
    subprocess.run(["dropdb", *args, "--if-exists", name], env=env, check=True)
    subprocess.run(["createdb", *args, name], env=env, check=True)
    return url.rsplit("/", 1)[0] + "/" + name


def drive(base_url, paths):
    results = {}
    for name, path in paths.items():
        step(f"wrk {DURATION} s: {name} {path}")
        results[name] = wrk(base_url + path)
    return results


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk); `make bench` installs it.")
    workdir = Path(tempfile.mkdtemp(prefix="opeiu-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if database_url.startswith("postgres"):
        reference_db = _postgres_scratch(database_url, "wagtailref")
    else:
        reference_db = f"sqlite:///{workdir / 'reference.sqlite3'}"
    env = {
        **os.environ,
        "DEBUG": "False",
        "HTTPS": "False",
        "SECRET_KEY": "bench-" + "k" * 50,
        "LOAD_DEMO_FORCE": "True",  # load_demo refuses DEBUG off unless forced
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "REFERENCE_DATABASE_URL": reference_db,
        "PYTHONPATH": str(ROOT),
    }
    cache_url = redis_url()
    cached_env = {**env, "PAGE_CACHE_ENABLED": "True", "CACHE_KEY_PREFIX": f"bench{os.getpid()}"}
    if cache_url:
        cached_env["CACHE_URL"] = cache_url
    try:
        demo, large = prepare_site(env, workdir)
        paths = {name: row["path"] for name, row in large.items() if row}
        static = static_path(env)

        step("site with the page cache off")
        server = Gunicorn({**env, "PAGE_CACHE_ENABLED": "False"}, PORT, "opeiu_site.wsgi", ROOT)
        try:
            uncached = drive(server.url, paths)
            static_ref = drive(server.url, {"static file": static})["static file"]
        finally:
            server.stop()

        step(f"site with the page cache on ({'Redis' if cache_url else 'local memory'})")
        server = Gunicorn(cached_env, PORT, "opeiu_site.wsgi", ROOT)
        try:
            cached = drive(server.url, paths)
        finally:
            server.stop()

        project, reference_env = reference_wagtail(workdir, env)
        server = Gunicorn(reference_env, PORT + 1, "benchref.wsgi", project)
        try:
            wagtail_ref = drive(server.url, {"empty wagtail home": "/"})["empty wagtail home"]
        finally:
            server.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if reference_db.startswith("postgres"):
            subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres",
                            reference_db.rsplit("/", 1)[1]], check=False)  # fmt: skip

    print_table(demo, large, uncached, cached, static_ref, wagtail_ref, cache_url)


def print_table(demo, large, uncached, cached, static_ref, wagtail_ref, cache_url):
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"\nOPEIU benchmark: {engine}, gunicorn 2 sync workers, wrk -c{CONNECTIONS} "
          f"{DURATION} s per URL, cache {'Redis' if cache_url else 'local memory'}")  # fmt: skip
    s, w = static_ref, wagtail_ref
    print(f"references: static file {s['rps']:.0f} req/s (p50 {s['p50']:.2f} ms), "
          f"empty wagtail home {w['rps']:.0f} req/s (p50 {w['p50']:.2f} ms)")  # fmt: skip
    header = (
        f"{'URL':<18} {'mode':<8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>7} "
        f"{'×wagtail':>8} {'×static':>8} {'large/demo':>10}  {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    verdicts = []
    for name, row in large.items():
        if row is None:
            print(f"{name:<18} n/a (this page type is not built in this branch)")
            continue
        render_ratio = row["uncached_ms"] / demo[name]["uncached_ms"] if demo.get(name) else None
        for mode, results in (("uncached", uncached), ("cached", cached)):
            r = results[name]
            to_wagtail, to_static = r["rps"] / wagtail_ref["rps"], r["rps"] / static_ref["rps"]
            ratio = f"{render_ratio:.2f}" if mode == "uncached" and render_ratio else ""
            print(
                f"{name:<18} {mode:<8} {r['rps']:>8.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
                f"{row[f'{mode}_queries']:>7} {to_wagtail:>8.2f} {to_static:>8.2f} {ratio:>10}  "
                f"{r['errors']:>6}"
            )
            if mode == "uncached" and to_wagtail < 0.5:
                verdicts.append(f"{name}: uncached {to_wagtail:.2f}× empty Wagtail (< 0.5)")
            if mode == "cached" and to_static < 0.8:
                verdicts.append(f"{name}: cached {to_static:.2f}× the static file (< 0.8)")
        if render_ratio and render_ratio > 1.2:
            verdicts.append(f"{name}: renders {render_ratio:.2f}× slower on the large data set")
    print("\nTargets: uncached ≥ 0.5× empty Wagtail, cached ≥ 0.8× static, large/demo ≤ 1.2")
    print("\n".join(f"NOT MET  {v}" for v in verdicts) or "All targets met.")


if __name__ == "__main__":
    main()
