"""`make bench`: what visitors get, in one run (docs/benchmarks.md).

Steps, each printed as it runs: migrate + load_demo + collectstatic into a scratch folder,
queries and render time in-process on the demo data, the large data set (bench/dataset.py)
and the same measurement on it; then wrk (BENCH_CONNECTIONS connections, BENCH_DURATION s per
URL) against the site served by the shipped gunicorn.conf.py (DEBUG off, 2 sync workers):
each target uncached (page cache off, no worker recycling; the static file served by
whitenoise through that server is the reference), as an app-cache hit (shipped config), and
through varnishd on loopback with the repository's VCL (a Varnish hit on the static file is
the reference); an empty `wagtail start` home; the app-cache hit while workers recycle every
BENCH_RECYCLE requests, with and without preload; and the editing scenario: the International
home, Local 12's page and the calendar read together, first alone, then while bench/editor.py
saves drafts of Local 212's page and publishes it (hit ratio and throughput per URL).

Environment: BENCH_DURATION (s per URL, default 5), BENCH_EDIT_DURATION (s per editing
segment, default 30), BENCH_DRAFT_EVERY / BENCH_PUBLISH_EVERY (s, default 2 / 20),
BENCH_CONNECTIONS (default 8), BENCH_SCALE (large data set size, default 1; 0 skips it),
BENCH_TARGETS (comma-separated target names, default all), BENCH_RECYCLE (default 500),
BENCH_VARNISH (default on; off skips the Varnish rows), BENCH_VARNISH_VCL (default
deploy/varnish/default.vcl), BENCH_QUICK=1 (seconds per segment, no large data set: a smoke
run), BENCH_JSON (a file for every figure), DATABASE_URL (PostgreSQL: a scratch database, the
bench fills it; without it a scratch SQLite file).
"""

import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import load, report
from bench.servers import app_gunicorn, bench_varnish, site_gunicorn, vcl_path
from tests.servers import build_demo, copy_demo_build, free_port, production_env

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def setting(name, default, quick):
    return type(default)(os.environ.get(name, quick if QUICK else default))


DURATION = setting("BENCH_DURATION", 5, 2)
EDIT_DURATION = setting("BENCH_EDIT_DURATION", 30, 6)
DRAFT_EVERY = setting("BENCH_DRAFT_EVERY", 2.0, 1.0)
PUBLISH_EVERY = setting("BENCH_PUBLISH_EVERY", 20.0, 3.0)
CONNECTIONS = setting("BENCH_CONNECTIONS", 8, 8)
SCALE = setting("BENCH_SCALE", 1, 0)
RECYCLE = setting("BENCH_RECYCLE", 500, 100)
VARNISH = os.environ.get("BENCH_VARNISH", "on").lower() not in ("off", "0", "false", "no")


def step(message):
    print(f"== {message} (load {load.loadavg():.2f})", file=sys.stderr, flush=True)


def python_json(env, module, *args):
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return json.loads(result.stdout)


def redis_url():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/0"
    except OSError:
        return None


def prime(base_url, path, times=2):
    """Fetch a URL so the next requests are cache hits (the second fills Varnish behind a
    miss that the app cache answered)."""
    import urllib.request

    for _ in range(times):
        try:
            urllib.request.urlopen(base_url + path, timeout=30).read()
        except OSError as error:
            print(f"  priming {path}: {error}", file=sys.stderr)


def drive(base_url, paths, primed=False):
    results = {}
    for name, path in paths.items():
        if primed:
            prime(base_url, path)
        step(f"wrk {DURATION} s: {name} {base_url}{path}")
        results[name] = load.wrk(base_url + path, DURATION, CONNECTIONS)
    return results


def prepare_site(env):
    template = os.environ.get("BENCH_DEMO_TEMPLATE")
    if template:  # the test suite's demo build, copied (tests/servers.py copy_demo_build)
        step(f"the demo site copied from {template}")
        copy_demo_build(env, template)
    else:
        step("migrate, load_demo, collectstatic")
        build_demo(env)
    step("in-process measurement on the demo data")
    demo = python_json(env, "bench.measure")
    if SCALE <= 0:
        return demo, None
    step("building the large data set")
    subprocess.run(
        [sys.executable, "-m", "bench.dataset", "--scale", str(SCALE)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    step("in-process measurement on the large data set")
    return demo, python_json(env, "bench.measure")


def static_path(env):
    from bench.config import STATIC_REFERENCE

    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    return "/static/" + json.loads(manifest.read_text())["paths"][STATIC_REFERENCE]


def reference_wagtail(workdir, base_env):
    """An empty `wagtail start` project, migrated, served the same way."""
    step("empty `wagtail start` project (reference)")
    project = workdir / "reference"
    project.mkdir()
    subprocess.run(
        [str(BIN / "wagtail"), "start", "benchref", str(project)], check=True, stdout=sys.stderr
    )
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
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=project,
        env=env,
        check=True,
    )
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


def editing_scenario(tier, base_url, paths, env):
    """The editing URLs read together, first with nobody editing, then while bench/editor.py
    edits Local 212; {"baseline": {name: result}, "editing": {...}, "editor": summary}."""
    urls = {name: base_url + path for name, path in paths.items()}
    for path in paths.values():
        prime(base_url, path)
    connections = max(1, -(-CONNECTIONS // len(urls)))  # the same total load, split
    step(f"editing scenario, {tier}: {EDIT_DURATION:g} s reading, nobody editing")
    baseline = load.wrk_together(list(urls.values()), EDIT_DURATION, connections)
    for path in paths.values():
        prime(base_url, path)
    step(f"editing scenario, {tier}: {EDIT_DURATION:g} s reading while Local 212 is edited")
    command = [
        sys.executable,
        "-m",
        "bench.editor",
        "--duration",
        str(EDIT_DURATION),
        "--draft-every",
        str(DRAFT_EVERY),
        "--publish-every",
        str(PUBLISH_EVERY),
    ]
    editor = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        if editor.stdout.readline().strip() != "READY":
            raise RuntimeError("bench.editor did not start (see its error above)")
        editing = load.wrk_together(list(urls.values()), EDIT_DURATION, connections)
        summary = json.loads(editor.stdout.read() or "{}")
    finally:
        if editor.wait(timeout=EDIT_DURATION + 120) != 0:
            raise RuntimeError("bench.editor failed (see its error above)")
    by_name = {url: name for name, url in urls.items()}
    return {
        "tier": tier,
        "connections": connections,
        "baseline": {by_name[url]: result for url, result in baseline.items()},
        "editing": {by_name[url]: result for url, result in editing.items()},
        "editor": summary,
    }


def site_env(workdir, database_url, reference_db):
    """The DEBUG-off demo site (static and media files in `workdir`) on `database_url`."""
    return production_env(
        workdir,
        SECRET_KEY="bench-" + "k" * 50,
        DATABASE_URL=database_url,
        REFERENCE_DATABASE_URL=reference_db,
        PYTHONPATH=str(ROOT),
    )


def measure_everything(env, cached_env, workdir, vcl):
    from bench.config import VARNISH_SITE_ENV

    figures = {}
    demo, large = prepare_site(env)
    figures.update(demo=demo, large=large)
    paths = {name: row["path"] for name, row in (large or demo).items() if row}
    editing_paths = {
        k: v for k, v in python_json(env, "bench.measure", "--editing-paths").items() if v
    }
    static = static_path(env)

    step("site with the page cache off, no worker recycling")
    with site_gunicorn(
        {**env, "PAGE_CACHE_ENABLED": "False", "GUNICORN_MAX_REQUESTS": "0"}
    ) as server:
        figures["uncached"] = drive(server.base_url, paths)
        figures["static"] = drive(server.base_url, {"static file": static})["static file"]

    step("site with the page cache on, shipped gunicorn.conf.py")
    varnish_port = free_port()
    varnish_url = f"http://127.0.0.1:{varnish_port}"
    # Only the editor purges Varnish (content changes happen in its process): it is told where
    # Varnish is for the Varnish segment, and not before Varnish runs.
    varnish_env = {k: v.format(varnish=varnish_url) for k, v in VARNISH_SITE_ENV.items()}
    with site_gunicorn(cached_env) as server:
        figures["cached"] = drive(server.base_url, paths, primed=True)
        figures["editing"] = [
            editing_scenario("app cache", server.base_url, editing_paths, cached_env)
        ]
        if vcl:
            step(f"Varnish in front ({vcl})")
            with bench_varnish(vcl, varnish_port, server.port) as varnish:
                figures["varnish"] = drive(varnish.base_url, paths, primed=True)
                statics = drive(varnish.base_url, {"static file": static}, primed=True)
                figures["varnish_static"] = statics["static file"]
                editor_env = {**cached_env, **varnish_env}
                figures["editing"].append(
                    editing_scenario("Varnish", varnish.base_url, editing_paths, editor_env)
                )

    figures["recycling"] = {}
    for preload in ("True", "False"):
        step(f"page cache on, workers recycled every {RECYCLE} requests, preload {preload}")
        recycling_env = {
            **cached_env,
            "GUNICORN_MAX_REQUESTS": str(RECYCLE),
            "GUNICORN_MAX_REQUESTS_JITTER": str(RECYCLE // 10),
            "GUNICORN_PRELOAD": preload,
        }
        with site_gunicorn(recycling_env) as server:
            home = drive(server.base_url, {"home": "/"}, primed=True)["home"]
            figures["recycling"][preload] = home

    project, reference_env = reference_wagtail(workdir, env)
    with app_gunicorn(reference_env, "benchref.wsgi", project) as server:
        empty = drive(server.base_url, {"empty wagtail home": "/"})["empty wagtail home"]
        figures["wagtail"] = empty
    return figures


def command_line():
    """How this run was started: its BENCH_* and DATABASE_URL settings and the module."""
    given = sorted(
        (k, v) for k, v in os.environ.items() if k.startswith("BENCH_") or k == "DATABASE_URL"
    )
    return " ".join([*(f"{k}={shlex.quote(v)}" for k, v in given), "python -m bench.run"])


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk); `make bench` installs it.")
    vcl = vcl_path(os.environ.get("BENCH_VARNISH_VCL")) if VARNISH else None
    workdir = Path(tempfile.mkdtemp(prefix="opeiu-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if database_url.startswith("postgres"):
        reference_db = _postgres_scratch(database_url, "wagtailref")
    else:
        reference_db = f"sqlite:///{workdir / 'reference.sqlite3'}"
    env = site_env(workdir, database_url, reference_db)
    cache_url = redis_url()
    cached_env = {**env, "PAGE_CACHE_ENABLED": "True", "CACHE_KEY_PREFIX": f"bench{os.getpid()}"}
    if cache_url:
        cached_env["CACHE_URL"] = cache_url
    else:
        print(
            "No Redis on 127.0.0.1:6379: the page cache is per worker and the editor's "
            "invalidations cannot reach it.",
            file=sys.stderr,
        )
    run = {
        "command": command_line(),
        "settings": {
            "duration": DURATION,
            "edit_duration": EDIT_DURATION,
            "draft_every": DRAFT_EVERY,
            "publish_every": PUBLISH_EVERY,
            "connections": CONNECTIONS,
            "scale": SCALE,
            "recycle": RECYCLE,
            "vcl": str(vcl) if vcl else None,
            "quick": QUICK,
        },
        "database": "PostgreSQL" if database_url.startswith("postgres") else "SQLite",
        "cache": "Redis" if cache_url else "local memory",
        "uptime_before": report.uptime(),
    }
    started = time.monotonic()
    try:
        figures = measure_everything(env, cached_env, workdir, vcl)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if reference_db.startswith("postgres"):
            subprocess.run(
                [
                    "dropdb",
                    "--if-exists",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    reference_db.rsplit("/", 1)[1],
                ],
                check=False,
            )
    run.update(uptime_after=report.uptime(), seconds=round(time.monotonic() - started))
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps({**run, **figures}, indent=2))
    report.print_report(run, figures)


if __name__ == "__main__":
    main()
