"""Another section's objects for the admin isolation matrix: one of everything an admin URL can
name (draft, private and locked pages, revisions, workflow states, images, documents, uploads,
collections, users, groups, workflows, tasks, snippets, sites, redirects, form submissions...).

Everything a local editor must never see carries the word "zephyr" (in a title, a file name, a
tag, a name), so a leak anywhere is one substring test. Pages that are live and public keep a
plain title: anyone may link to those, but their pending *draft* title says "Zephyr".
"""

from dataclasses import dataclass, field

import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    PageViewRestriction,
    Site,
    UploadedFile,
    Workflow,
)

from events.models import CalendarImport
from opeiu_site.home.models import StandardPage
from registrations.models import Registration, RegistrationSettings, Shift, ShiftSignup
from tests.actions.factories import ActionPageFactory, add_fields
from tests.alerts.factories import owned_alert, owned_list, owned_notice
from tests.benefits.factories import BenefitCategoryFactory, PromoFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, VenueFactory
from tests.news.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory

MARKER = b"zephyr"

# One object per registered snippet model ("<app>_<model>" as in the snippet URL namespaces).
# `shared` snippets are the union's common reference data that every local picks from (venues,
# categories): their names may appear to anyone, so they carry no marker. A snippet model not
# listed here makes the matrix fail: decide whether it is shared and add it.
SNIPPETS = {
    "news_newscategory": (lambda label: NewsCategoryFactory(name=f"Category {label}"), True),
    "benefits_benefitcategory": (
        lambda label: BenefitCategoryFactory(name=f"Benefit kind {label}"),
        True,
    ),
    "events_venue": (lambda label: VenueFactory(name=f"Union hall {label}"), True),
    # A promo scheduled for next month is the International's unpublished plan.
    "benefits_promo": (
        lambda label: PromoFactory(
            title=f"Zephyr {label} quorum promo",
            starts_at=timezone.now() + timezone.timedelta(days=30),
        ),
        False,
    ),
}

# Objects of the section's own that are not snippets but have admin URLs of their own (the
# alerts app's lists and notices), kept with the snippets under these names.
OWNED_OBJECTS = {
    "alerts_mailinglist": owned_list,
    "alerts_notice": owned_notice,
    "alerts_actionalert": owned_alert,
}


@dataclass
class Foreign:
    label: str
    section_root: Page
    draft_page: Page  # never published, submitted for approval, locked
    form_page: Page  # a form with a member's submission
    calendar: Page  # a live calendar (events import)
    calendar_import: object  # an import into it, still waiting (its status page)
    image: object
    document: object
    collection: Collection
    user: object
    group: object
    workflow: Workflow
    task: object
    workflow_state: object
    task_state: object
    site: Site
    redirect: Redirect
    search_query: Query
    editing_session: EditingSession
    uploaded_image: UploadedFile
    uploaded_document: UploadedFile
    snippets: dict = field(default_factory=dict)
    roster: dict = field(default_factory=dict)  # a local's roster objects (members app)
    event: Page = None  # a live event whose registrants are private (registrations)


def _uploaded(model, user, name):
    upload = UploadedFile(
        for_content_type=ContentType.objects.get_for_model(model), uploaded_by_user=user
    )
    upload.file.save(name, ContentFile(b"zephyr upload"), save=False)
    upload.save()
    return upload


def build_foreign(label, section_root, collection, editors, workflow, live_page):
    """Objects of one section (`label` e.g. "212"), under `section_root`, in a child of
    `collection`, edited by a member of `editors`, approved through `workflow`; `live_page`
    (live and public) gets a pending draft title."""
    user = get_user_model().objects.create_user(
        username=f"zephyr-{label}",
        first_name="Zephyr",
        last_name=f"Editor {label}",
        email=f"zephyr-{label}@example.org",
    )
    user.groups.add(editors)
    editors.name = f"Zephyr {label} editors"
    editors.save(update_fields=["name"])
    workflow.name = f"Zephyr {label} approval"
    workflow.save(update_fields=["name"])
    task = workflow.tasks.first().specific
    task.name = f"Zephyr {label} approve"
    task.save(update_fields=["name"])

    draft = section_root.add_child(
        instance=StandardPage(
            title=f"Zephyr {label} quorum minutes", slug=f"zephyr-{label}-minutes", live=False
        )
    )
    draft.save_revision(user=user)
    workflow_state = workflow.start(draft, user)
    task_state = workflow_state.current_task_state
    draft.locked, draft.locked_by, draft.locked_at = True, user, timezone.now()
    draft.save(update_fields=["locked", "locked_by", "locked_at"])

    private = section_root.add_child(
        instance=StandardPage(title=f"Zephyr {label} quorum private", slug=f"zephyr-{label}-p")
    )
    private.save_revision(user=user).publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="zephyr"
    )

    live_page.title = f"Zephyr {label} quorum draft title"
    live_page.save_revision(user=user)  # a pending draft; the live title stays
    section_root.title = f"Zephyr {label} quorum renamed"
    section_root.save_revision(user=user)  # e.g. the International's home page, in draft

    # A live calendar (its title is public): the target of the calendar import view.
    calendar = EventIndexPageFactory(
        parent=section_root, slug=f"calendar-{label}", title=f"Calendar {label}"
    )
    # An import into it, waiting for the worker: its file, its staff user and its events are
    # the section's own (the status page names them; "Start it again" must refuse).
    calendar_import = CalendarImport.objects.create(
        calendar=calendar,
        section=section_root,
        user=user,
        file_name=f"zephyr-{label}-quorum.ics",
        content=f"BEGIN:VCALENDAR\nSUMMARY:Zephyr {label} quorum\nEND:VCALENDAR\n",
        status=CalendarImport.Status.RUNNING,
        attempt=1,
        started_at=timezone.now() - timezone.timedelta(hours=1),
        error=f"Zephyr {label} quorum",
        result={"warnings": [f"Zephyr {label} quorum warning"]},
    )
    news_index = NewsIndexPageFactory(parent=section_root, slug=f"news-{label}")
    news = NewsPageFactory(
        parent=news_index, title=f"Zephyr {label} quorum news", slug="zephyr", live=False
    )
    news.tags.add(f"zephyrtag{label}")
    news.save_revision(user=user)

    # A live, public form: its title is public, its submissions are not.
    form_page = ActionPageFactory(
        parent=section_root, slug=f"form-{label}", title=f"Organizer form {label} quorum"
    )
    add_fields(form_page, ("Your name", "singleline", True))
    FormSubmission.objects.create(page=form_page, form_data={"your_name": f"Zephyr {label}"})

    child = collection.add_child(name=f"Zephyr {label} quorum files")
    image = wagtail_factories.ImageFactory(
        title=f"Zephyr {label} quorum photo",
        collection=child,
        file__filename=f"zephyr-{label}-photo.png",
        uploaded_by_user=user,
    )
    image.tags.add(f"zephyrimage{label}")
    document = wagtail_factories.DocumentFactory(
        title=f"Zephyr {label} quorum contract",
        collection=child,
        file__filename=f"zephyr-{label}-contract.txt",
        file__data=b"zephyr contract",
        uploaded_by_user=user,
    )
    document.tags.add(f"zephyrdoc{label}")

    # Sites (host names) are public by nature: no marker.
    site = Site.objects.create(
        hostname=f"section-{label}.example", port=80, root_page=section_root, site_name=label
    )
    # A live event (its title is public) with a registrant, whose name is the section's own.
    event = EventPageFactory(parent=calendar, title=f"Event {label}", slug=f"event-{label}")
    Registration.objects.create(
        settings=RegistrationSettings.objects.create(page=event, capacity=5),
        name=f"Zephyr {label} quorum registrant",
        email=f"zephyr-{label}@example.org",
        status="confirmed",
    )
    # A shift of that event with a volunteer (registrations: /admin/registrations/<id>/shifts/).
    shift_start = timezone.now() + timezone.timedelta(days=3)
    ShiftSignup.objects.create(
        shift=Shift.objects.create(
            page=event,
            worksite=f"Zephyr {label} quorum worksite",
            starts_at=shift_start,
            ends_at=shift_start + timezone.timedelta(hours=3),
            people_needed=2,
        ),
        name=f"Zephyr {label} quorum shift volunteer",
        email=f"zephyr-shift-{label}@example.org",
    )
    return Foreign(
        label=label,
        section_root=section_root,
        draft_page=draft,
        form_page=form_page,
        calendar=calendar,
        calendar_import=calendar_import,
        image=image,
        document=document,
        collection=child,
        user=user,
        group=editors,
        workflow=workflow,
        task=task,
        workflow_state=workflow_state,
        task_state=task_state,
        site=site,
        redirect=Redirect.objects.create(old_path=f"/zephyr-{label}-old", redirect_page=draft),
        search_query=Query.get(f"zephyr {label} quorum"),
        editing_session=EditingSession.objects.create(
            user=user,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(draft.pk),
            last_seen_at=timezone.now(),
        ),
        uploaded_image=_uploaded(get_image_model(), user, f"zephyr-{label}-upload.png"),
        uploaded_document=_uploaded(get_document_model(), user, f"zephyr-{label}-upload.txt"),
        snippets={
            **{name: make(label) for name, (make, _shared) in SNIPPETS.items()},
            **{name: make(label) for name, make in OWNED_OBJECTS.items()},
        },
        roster=_roster(label, section_root, user),
        event=event,
    )


def _roster(label, section_root, user):
    """A local's roster row, pending upload and verification request (none for the
    International, which has no roster: its URLs are filled with an id that names nothing)."""
    from locals.models import LocalPage
    from members.models import RosterEntry, RosterUpload, VerificationRequest

    local = LocalPage.objects.filter(pk=section_root.pk).first()
    if local is None:
        return {}
    asker = get_user_model().objects.create_user(
        username=f"zephyr-asker-{label}", email=f"zephyr-asker-{label}@example.org"
    )
    return {
        "entry": RosterEntry.objects.create(
            local=local,
            member_number=f"zephyr-{label}-1",
            last_name="Zephyr",
            email=f"zephyr-member-{label}@example.org",
        ),
        "upload": RosterUpload.objects.create(
            local=local, user=user, file_name="zephyr.csv", content=b"Member number\nzephyr\n"
        ),
        "request": VerificationRequest.objects.create(
            user=asker,
            local=local,
            member_number=f"zephyr-{label}-1",
            last_name="Zephyr",
            postal_code="14202",
        ),
    }
