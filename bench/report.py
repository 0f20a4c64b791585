"""The bench's printed report: the run (command, settings, machine load), markdown tables of
the raw figures, and each goal of issue 11 as met or NOT MET."""

import datetime as dt
import subprocess

# Goals (issue 11): ratios to the same run's references.
APP_HIT_TO_STATIC = 0.8  # an app-cache hit vs the static file through gunicorn
VARNISH_HIT_TO_STATIC = 0.8  # a page through Varnish vs a Varnish hit on the static file
P99_TO_P50 = 3.0  # under full load, for what Python serves (gunicorn): the workers never stall
# (a Varnish hit takes a fraction of a millisecond, so one scheduler delay on a loaded machine
# is many times its p50: its p99/p50 is printed, not judged)
UNCACHED_TO_WAGTAIL = 0.5  # an uncached page vs the empty `wagtail start` home
LARGE_TO_DEMO = 1.2  # render time on the large data set vs the demo
EDITING_HITS = 0.95  # hit ratio of the goal URLs while Local 212 is edited
EDITING_THROUGHPUT = 0.9  # their req/s while editing vs nobody editing

MODES = (
    ("uncached", "uncached", "wagtail", "× empty Wagtail"),
    ("app hit", "cached", "static", "× static (gunicorn)"),
    ("Varnish", "varnish", "varnish_static", "× static (Varnish hit)"),
)


def uptime():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "uptime: not available"


def _ms(value):
    return f"{value:.2f}" if value is not None else "–"


def _spread(result):
    if result.get("p50") and result.get("p99") is not None:
        return result["p99"] / result["p50"]
    return None


def _row(cells):
    print("| " + " | ".join(str(cell) for cell in cells) + " |")


def _header(*names):
    _row(names)
    _row(["---"] * len(names))


def _wrk_cells(result):
    spread = _spread(result)
    return [
        f"{result['rps']:.0f}",
        _ms(result["p50"]),
        _ms(result["p99"]),
        f"{spread:.1f}" if spread else "–",
        _errors(result),
        f"{result['load_before']:.1f} → {result['load_after']:.1f}",
    ]


def _errors(result):
    text = str(result["errors"])
    return f"{text} ({result['socket_errors']})" if result.get("socket_errors") else text


class Verdicts(list):
    def check(self, ok, message):
        if not ok:
            self.append(message)

    def latency(self, label, result, judge_spread=True):
        if not result["requests"]:
            self.append(f"{label}: no request completed in the segment")
            return
        spread = _spread(result)
        self.check(
            not judge_spread or spread is None or spread <= P99_TO_P50,
            f"{label}: p99 {spread or 0:.1f}× p50 (> {P99_TO_P50:g})",
        )
        self.check(
            result["errors"] == 0 and not result.get("socket_errors"),
            f"{label}: {_errors(result)} failed requests",
        )


def print_report(run, figures):
    settings = run["settings"]
    print(f"\nOPEIU benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"command: `{run['command']}` ({run['seconds']} s)")
    print("settings: " + ", ".join(f"{key}={value}" for key, value in settings.items()))
    print(
        f"{run['database']}, page cache in {run['cache']}, gunicorn.conf.py with 2 sync "
        f"workers, wrk -t1 -c{settings['connections']}, {settings['duration']} s per URL"
    )
    print(f"load before: {run['uptime_before']}\nload after:  {run['uptime_after']}")
    verdicts = Verdicts()
    print_references(figures, verdicts)
    print_targets(figures, verdicts)
    print_recycling(figures, settings, verdicts)
    for scenario in figures.get("editing", []):
        print_editing(scenario, verdicts)
    print(
        "\nGoals: app hit ≥ 0.8× static through gunicorn, Varnish ≥ 0.8× a Varnish static "
        "hit, p99 ≤ 3× p50 through gunicorn, uncached ≥ 0.5× empty Wagtail, large/demo ≤ 1.2; "
        "editing: International home and Local 12 ≥ 95% hits and ≥ 0.9× their throughput"
    )
    print("\n".join(f"NOT MET  {verdict}" for verdict in verdicts) or "All goals met.")
    return verdicts


def print_references(figures, verdicts):
    print("\nReferences\n")
    _header("reference", "req/s", "p50 ms", "p99 ms", "p99/p50", "errors", "load")
    references = [
        ("static file, gunicorn (no recycling)", figures["static"]),
        ("static file, Varnish hit", figures.get("varnish_static")),
        ("empty `wagtail start` home", figures["wagtail"]),
    ]
    for label, result in references:
        if result is None:
            _row([label, "not run (BENCH_VARNISH=off)", "", "", "", "", ""])
            continue
        _row([label, *_wrk_cells(result)])
        verdicts.latency(label, result, judge_spread=False)  # references, not goals


def print_targets(figures, verdicts):
    print("\nPages\n")
    _header(
        "URL",
        "mode",
        "req/s",
        "p50 ms",
        "p99 ms",
        "p99/p50",
        "errors",
        "load",
        "queries",
        "× reference",
        "large/demo",
    )
    demo, large = figures["demo"], figures["large"]
    for name, row in (large or demo).items():
        if row is None:
            _row([name, "n/a: no live page of this type", *[""] * 9])
            continue
        render = row["uncached_ms"] / demo[name]["uncached_ms"] if large and demo[name] else None
        for mode, key, reference, reference_label in MODES:
            if key not in figures:
                continue
            result, base = figures[key][name], figures.get(reference)
            ratio = result["rps"] / base["rps"] if base and base["rps"] else 0.0
            queries = row["uncached_queries" if key == "uncached" else "cached_queries"]
            extra = f"{render:.2f}" if render and key == "uncached" else ""
            _row(
                [name, mode, *_wrk_cells(result), queries, f"{ratio:.2f} {reference_label}", extra]
            )
            verdicts.latency(f"{name} {mode}", result, judge_spread=key != "varnish")
            goal = {
                "uncached": UNCACHED_TO_WAGTAIL,
                "cached": APP_HIT_TO_STATIC,
                "varnish": VARNISH_HIT_TO_STATIC,
            }[key]
            verdicts.check(
                ratio >= goal, f"{name} {mode}: {ratio:.2f}{reference_label} (< {goal:g})"
            )
        if render:
            verdicts.check(
                render <= LARGE_TO_DEMO,
                f"{name}: renders {render:.2f}× slower on the large data set",
            )


def print_recycling(figures, settings, verdicts):
    print(
        f"\nWorker recycling: the home page as an app-cache hit, workers recycled every "
        f"{settings['recycle']} requests (+10% jitter)\n"
    )
    _header("gunicorn", "req/s", "p50 ms", "p99 ms", "p99/p50", "errors", "load")
    for preload, result in figures["recycling"].items():
        label = "preload_app (shipped)" if preload == "True" else "no preload (re-import)"
        _row([label, *_wrk_cells(result)])
        if preload == "True":
            verdicts.latency(f"home app hit, recycling every {settings['recycle']}", result)


def print_editing(scenario, verdicts):
    editor, tier = scenario["editor"], scenario["tier"]
    hit_key = "varnish_hits" if tier == "Varnish" else "app_hits"
    print(
        f"\nEditing scenario, {tier}: {editor.get('drafts', 0)} drafts and "
        f"{editor.get('publishes', 0)} publishes of Local 212 ({editor.get('page', '?')}; "
        f"mean {editor.get('mean_ms', 0)} ms, slowest {editor.get('slowest_ms', 0)} ms), "
        f"wrk -c{scenario['connections']} per URL\n"
    )
    _header(
        "URL",
        "req/s alone",
        "req/s editing",
        "× alone",
        "hits alone",
        "hits editing",
        "p50 / p99 ms editing",
        "errors",
        "load editing",
    )
    from bench.config import EDITING_GOAL_TARGETS

    for name, editing in scenario["editing"].items():
        alone = scenario["baseline"][name]
        ratio = editing["rps"] / alone["rps"] if alone["rps"] else 0.0
        hits_alone, hits_editing = alone.get(hit_key, 0.0), editing.get(hit_key, 0.0)
        hits_cell = f"{hits_editing:.1%}"
        _row(
            [
                name,
                f"{alone['rps']:.0f}",
                f"{editing['rps']:.0f}",
                f"{ratio:.2f}",
                f"{hits_alone:.1%}",
                hits_cell,
                f"{_ms(editing['p50'])} / {_ms(editing['p99'])}",
                _errors(editing),
                f"{editing['load_before']:.1f} → {editing['load_after']:.1f}",
            ]
        )
        if name in EDITING_GOAL_TARGETS:
            label = f"editing, {tier}, {name}"
            verdicts.check(
                hits_editing >= EDITING_HITS,
                f"{label}: {hits_editing:.1%} hits (< {EDITING_HITS:.0%})",
            )
            verdicts.check(
                ratio >= EDITING_THROUGHPUT,
                f"{label}: {ratio:.2f}× the throughput alone (< {EDITING_THROUGHPUT})",
            )
            verdicts.check(editing["errors"] == 0, f"{label}: {editing['errors']} failed")
