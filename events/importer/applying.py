"""Carrying out an import plan: all of it in one transaction, or nothing, in bulk.

Page.add_child, save_revision and publish cost about 100 queries and three saves (each
re-indexing the page for search and references) per page, and publishing syncs each page's
occurrences on its own: 600 events took 100 s. Here the work is done per kind of row instead:
the new pages' tree paths are computed and their rows inserted together (as treebeard's
add_child would number them), revisions, log entries, date changes and occurrences are bulk
inserted, the search index is fed in one batch, and each page's occurrences are built once.
What Wagtail's publish does for other parts is done once for all: the cache purges (core's
`pages_published_in_bulk` signal, one purge at commit), the SEQUENCE, the late-change notices.

`apply(plan, ...)` takes a plan and reports progress through `progress(done, total)`, so it can
run in a task worker as well as in the request."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from opeiu_site.core.sections import section_of
from opeiu_site.core.signals import pages_published_in_bulk

from .. import notices
from ..models import EventPage, MeetingSeriesPage, Occurrence, SeriesDateChange, Venue
from ..occurrences import horizon_date, occurrences_of
from .reading import ImportFileError

BATCH = 500


class _Progress:
    """`report(done, total)` in pages: each step of the work covers its measured share of the
    time (600 new pages: building them a fifth, revisions and log entries a quarter,
    occurrences a tenth, the search and reference indexes the rest), told as it goes."""

    STEPS = {"pages": 0.2, "records": 0.45, "occurrences": 0.55, "index": 1.0}

    def __init__(self, report, total):
        self.report, self.total, self.told, self.start = report, total, None, 0.0

    def at(self, fraction):
        done = min(self.total, int(self.total * fraction))
        if done != self.told:
            self.told = done
            self.report(done, self.total)

    def step(self, name):
        """A function of (items done, items) for one step, from where the last step ended."""
        start, end = self.start, self.STEPS[name]
        self.start = end
        return lambda done, count: self.at(start + (end - start) * done / max(count, 1))


def _untold(done, count):
    pass


def _venue(spec, made):
    if spec is None:
        return None
    if spec.key not in made:
        made[spec.key] = spec.find() or Venue.objects.create(
            name=spec.name,
            street_address=spec.street_address,
            locality=spec.locality,
            region=spec.region,
            postal_code=spec.postal_code,
        )
    return made[spec.key]


class _Slugs:
    """Free slugs among the calendar's children, as wagtail's find_available_slug picks them
    (base, base-2, base-3 ...), from one query for all the pages."""

    def __init__(self, calendar):
        self.taken = set(calendar.get_children().values_list("slug", flat=True))

    def take(self, action):
        base = slugify(action.title)[:60] or "event"
        if action.model is EventPage:
            base = f"{base}-{action.fields['start_date'].isoformat()}"
        slug, number = base, 1
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.taken.add(slug)
        return slug


def _check(page, action):
    """The model's field validation (time zone, weekdays, lengths) without its queries."""
    relations = [field.name for field in type(page)._meta.fields if field.is_relation]
    try:
        page.clean_fields(exclude=relations + ["path", "url_path", "slug"])
    except ValidationError as error:
        raise ImportFileError(
            f"“{action.title}” cannot be saved: "
            + "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items()
            )
        ) from error


def _new_pages(calendar, actions, user, publish, now, tick=_untold):
    """Insert the pages of "create" actions under `calendar` (paths, rows) in a few queries."""
    calendar.refresh_from_db()
    last = calendar.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    slugs = _Slugs(calendar)
    pages = []
    for offset, action in enumerate(actions):
        page = action.model(
            source_uid=action.uid,
            path=Page._get_path(calendar.path, calendar.depth + 1, step + offset),
            depth=calendar.depth + 1,
            numchild=0,
            locale_id=calendar.locale_id,
            translation_key=uuid.uuid4(),
            owner=user,
            live=publish,
            has_unpublished_changes=not publish,
            first_published_at=now if publish else None,
            last_published_at=now if publish else None,
            ical_sequence=1 if publish else 0,
            content_type=ContentType.objects.get_for_model(action.model),
            **action.fields,
        )
        page.slug = slugs.take(action)
        page.url_path = f"{calendar.url_path}{page.slug}/"
        page.draft_title = page.title
        _check(page, action)
        pages.append(page)
        tick(offset + 1, len(actions))
    base_fields = {field.attname for field in Page._meta.concrete_fields} - {"id"}
    for start in range(0, len(pages), BATCH):
        chunk = pages[start : start + BATCH]
        rows = Page.objects.bulk_create(
            [Page(**{name: getattr(page, name) for name in base_fields}) for page in chunk]
        )
        for page, row in zip(chunk, rows, strict=True):
            page.page_ptr_id = page.pk = row.pk
        for model in (EventPage, MeetingSeriesPage):
            specific = [page for page in chunk if type(page) is model]
            if specific:
                model.objects._insert(specific, fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=calendar.pk).update(numchild=F("numchild") + len(pages))
    return pages


def _changed_pages(actions, publish):
    """Bring the pages of "update" actions up to the plan; when publishing, write the columns
    that changed (a bulk update is a CASE per row and column: only those a file changed)."""
    pages, changed = [], {EventPage: set(), MeetingSeriesPage: set()}
    for action in actions:
        page = action.page
        for name, value in action.fields.items():
            # The venue by its id: reading page.venue would load each page's venue.
            current = page.venue_id if name == "venue" else getattr(page, name)
            wanted = getattr(value, "pk", None) if name == "venue" else value
            if current != wanted:
                changed[type(page)].add(name)
                setattr(page, name, value)
        if page.draft_title != page.title:
            page.draft_title = page.title
            changed[type(page)].add("draft_title")
        _check(page, action)
        pages.append(page)
    for model, names in changed.items() if publish else ():
        same = [page for page in pages if type(page) is model]
        if same and names:
            model.objects.bulk_update(same, sorted(names), batch_size=BATCH)
    return pages


def _revisions(pages, user, publish, now):
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=ContentType.objects.get_for_model(type(page)),
                base_content_type=page_type,
                object_id=str(page.pk),
                created_at=now,
                user=user,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in pages
        ],
        batch_size=BATCH,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        if publish:
            page.live_revision = revision
            page.live = True
            page.has_unpublished_changes = False
            page.last_published_at = now
            page.first_published_at = page.first_published_at or now
        else:
            page.has_unpublished_changes = True
    # One UPDATE for all the pages (a bulk_update is a CASE per row): each page's revision is
    # the newest one of its id.
    newest = Subquery(
        Revision.objects.filter(
            base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    ids = [page.pk for page in pages]
    if publish:
        Page.objects.filter(pk__in=ids).update(
            latest_revision=newest,
            live_revision=newest,
            live=True,
            has_unpublished_changes=False,
            last_published_at=now,
            first_published_at=Coalesce("first_published_at", Value(now)),
        )
    else:
        Page.objects.filter(pk__in=ids).update(latest_revision=newest, has_unpublished_changes=True)
        # The admin lists a draft by its draft title (save_revision writes it).
        rows = [Page(pk=page.pk, draft_title=page.title) for page in pages]
        Page.objects.bulk_update(rows, ["draft_title"], batch_size=BATCH)
    return revisions


def _log(pages, revisions, created, user, publish, now):
    page_type = ContentType.objects.get_for_model(Page)
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        actions = (["wagtail.create"] if page.pk in created else []) + (
            ["wagtail.publish"] if publish else ["wagtail.edit"]
        )
        entries += [
            PageLogEntry(
                content_type=page_type,
                page_id=page.pk,
                label=page.title[:255],
                action=action,
                user=user,
                revision=revision,
                timestamp=now,
                data={},
                content_changed=True,
            )
            for action in actions
        ]
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH)


def _date_changes(pages, changes_by_page):
    """Replace the per-date changes of the series among `pages` (one delete, one insert)."""
    series = [page for page in pages if isinstance(page, MeetingSeriesPage)]
    SeriesDateChange.objects.filter(page_id__in=[page.pk for page in series]).delete()
    rows = []
    for page in series:
        made = [
            SeriesDateChange(page_id=page.pk, sort_order=order, **change)
            for order, change in enumerate(changes_by_page[page.pk])
        ]
        page.date_changes = made  # in memory too: the revision and occurrences read them
        rows += made
    SeriesDateChange.objects.bulk_create(rows, batch_size=BATCH)


def _occurrences(calendar, pages):
    """Rebuild the published pages' occurrences: one delete and bulk inserts for all."""
    section = section_of(calendar)
    Occurrence.objects.filter(page_id__in=[page.pk for page in pages]).delete()
    if section is None:
        return
    horizon = horizon_date()
    rows = []
    for page in pages:
        if isinstance(page, MeetingSeriesPage):
            page_rows = page.occurrence_rows(horizon, changes=list(page.date_changes.all()))
        else:
            page_rows = page.occurrence_rows(horizon)
        rows += occurrences_of(page, calendar, section, page_rows)
    Occurrence.objects.bulk_create(rows, batch_size=BATCH)


def _index(pages, tick=_untold):
    """Search and reference indexes, as the page saves would have updated them."""
    for model in (EventPage, MeetingSeriesPage):
        same = [page for page in pages if type(page) is model]
        if same:
            for backend in get_search_backends():
                backend.add_bulk(model, same)
    tick(len(pages) // 4, len(pages))  # the search index: a quarter of the step
    for number, page in enumerate(pages, start=1):
        ReferenceIndex.create_or_update_for_object(page)
        tick(len(pages) // 4 + 3 * number // 4, len(pages))


def _unpublish(actions, user):
    for action in actions:
        action.page.unpublish(user=user, log_action=True)


@transaction.atomic
def apply(plan, user=None, publish=False, progress=None):
    """Create and update the plan's pages; publish them when `publish`, else save drafts; and
    unpublish the one-off pages whose source override is gone. Any failure rolls the whole
    import back and is reported as an ImportFileError. `progress(done, total)` is called as
    the work goes, in pages (total: the pages created or updated), from (0, total) to
    (total, total)."""
    calendar = plan.calendar
    now = timezone.now()
    todo = [action for action in plan.actions if action.verb in ("create", "update")]
    told = _Progress(progress or (lambda done, total: None), len(todo))
    venues = {}
    for action in todo:
        action.fields["venue"] = _venue(action.venue, venues)
    told.at(0)
    creating = [a for a in todo if a.verb == "create"]
    created = _new_pages(calendar, creating, user, publish, now, told.step("pages"))
    for action, page in zip(creating, created, strict=True):
        action.page = page
    updated = _changed_pages([a for a in todo if a.verb == "update"], publish)
    pages = created + updated
    changes = {action.page.pk: action.changes for action in todo}
    # A draft of a live page keeps the live changes in its rows: the new ones are in the
    # revision only (as Wagtail's save_revision leaves them).
    _date_changes(pages if publish else created, changes)
    for page in updated if not publish else []:
        if isinstance(page, MeetingSeriesPage):
            page.date_changes = [SeriesDateChange(**change) for change in changes[page.pk]]
    records = told.step("records")
    revisions = _revisions(pages, user, publish, now)
    records(1, 2)
    _log(pages, revisions, {page.pk for page in created}, user, publish, now)
    records(2, 2)
    occurrences = told.step("occurrences")
    if publish and pages:
        EventPage.objects.filter(pk__in=[p.pk for p in updated]).update(
            ical_sequence=F("ical_sequence") + 1
        )
        MeetingSeriesPage.objects.filter(pk__in=[p.pk for p in updated]).update(
            ical_sequence=F("ical_sequence") + 1
        )
        _occurrences(calendar, pages)
        for page in pages:
            if isinstance(page, MeetingSeriesPage):
                notices.record(page, now)
    occurrences(1, 1)
    # A draft of a live page: the index keeps the live one.
    _index(pages if publish else created, told.step("index"))
    if publish and pages:
        pages_published_in_bulk.send(sender=apply, pages=pages)
    if publish:  # a drafts-only import (no publish permission) leaves live pages live
        _unpublish([action for action in plan.actions if action.verb == "unpublish"], user)
    told.at(1)
    return plan
