"""An editor at work on Local 212, for the bench's editing scenario: every DRAFT_EVERY seconds
a draft of Local 212's page is saved, every PUBLISH_EVERY seconds a revision is published,
through Wagtail's own revision API (what the page editor and its autosave call), in a process
of its own beside the web server. Prints READY once set up, then a JSON summary when the time is up.

    python -m bench.editor --duration 30 --draft-every 2 --publish-every 20
"""

import argparse
import json
import os
import sys
import time

LOCAL_NUMBER = 212


def local_page():
    from locals.models import LocalPage

    page = LocalPage.objects.filter(number=LOCAL_NUMBER).order_by("pk").first()
    if page is None:
        raise SystemExit(f"No Local {LOCAL_NUMBER} page: run load_demo first.")
    return page


def editor_and_publisher():
    """The local's editor writes drafts; a superuser publishes (the editor may not)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    publisher = users.filter(is_superuser=True).first()
    return users.filter(username=f"local{LOCAL_NUMBER}-editor").first() or publisher, publisher


def edit(page, users, number, publish):
    editor, publisher = users
    draft = page.get_latest_revision_as_object()
    draft.motto = f"Bench edit {number}"
    user = publisher if publish else editor
    revision = draft.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user, log_action=True)


def run(duration, draft_every, publish_every):
    page, users = local_page(), editor_and_publisher()
    started = time.monotonic()
    counts = {"drafts": 0, "publishes": 0}
    timings = []
    next_draft, next_publish = draft_every, publish_every
    while True:
        due = min(next_draft, next_publish)
        if due > duration:
            break
        time.sleep(max(0.0, started + due - time.monotonic()))
        publish = next_publish <= next_draft
        began = time.monotonic()
        edit(page, users, counts["drafts"] + counts["publishes"], publish)
        timings.append(time.monotonic() - began)
        counts["publishes" if publish else "drafts"] += 1
        if publish:
            next_publish += publish_every
            if next_draft <= due:
                next_draft += draft_every  # the publish was this tick's save
        else:
            next_draft += draft_every
    return {
        **counts,
        "page": page.url,
        "slowest_ms": round(max(timings, default=0) * 1000, 1),
        "mean_ms": round(sum(timings) / len(timings) * 1000, 1) if timings else 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--draft-every", type=float, default=2.0)
    parser.add_argument("--publish-every", type=float, default=20.0)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opeiu_site.settings")
    import django

    django.setup()
    local_page()  # fail before the bench starts its clients, not during
    print("READY", flush=True)  # the bench starts its clients now
    summary = run(args.duration, args.draft_every, args.publish_every)
    json.dump(summary, sys.stdout)


if __name__ == "__main__":
    main()
