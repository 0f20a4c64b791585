"""Demo action pages: the two action teams and the Red Cross petition under the International,
and a local's "Need a Union?" organizer form. Facts from shared/DEMO_CONTENT.md; prose ours."""

import json

from actions.models import ActionFormField, ActionKind, ActionPage
from demo.helpers import ensure_page, find_page


def _fields(*specs):
    """ActionFormField objects from (label, field_type, required[, choices]) tuples."""
    fields = []
    for order, (label, field_type, required, *rest) in enumerate(specs):
        fields.append(
            ActionFormField(
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                choices=rest[0] if rest else "",
            )
        )
    return fields


def _body(*paragraphs):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


def load_team_forms(home, log):
    _, created = ensure_page(
        home,
        ActionPage,
        "member-action-team",
        title="Join the OPEIU Member Action Team",
        kind=ActionKind.SIGN_UP,
        intro=(
            "When working people come under attack, a quick response makes the difference. "
            "Action Team members get a short alert and a simple thing to do: a call, an email, "
            "a rally."
        ),
        body=_body(
            "We send alerts only when it matters: a vote in Congress or a statehouse, a "
            "lockout, a strike that needs support on the line.",
            "Most actions take five minutes. You can leave the team at any time.",
        ),
        consent_text="I agree that OPEIU may send me action alerts by email or text message.",
        submit_label="Join the team",
        thank_you_text="Welcome to the Member Action Team. Watch for your first alert.",
        form_fields=_fields(
            ("First name", "singleline", True),
            ("Last name", "singleline", True),
            ("Email", "email", True),
            ("Mobile phone", "singleline", False),
            ("Your local (number)", "singleline", False),
            ("ZIP or postal code", "singleline", True),
        ),
    )
    log.step(f"{'created' if created else 'kept'} Member Action Team sign-up")
    _, created = ensure_page(
        home,
        ActionPage,
        "retiree-action-team",
        title="Stay connected: join the OPEIU Retiree Action Team",
        kind=ActionKind.SIGN_UP,
        intro=(
            "Retirement does not end your membership in the labor movement. The Retiree Action "
            "Team keeps you informed about pensions, Medicare and Social Security, and about "
            "the campaigns where your experience counts."
        ),
        consent_text="I agree that OPEIU may send me retiree news and action alerts.",
        submit_label="Sign me up",
        thank_you_text="Thank you for staying with us. Retiree news will reach you soon.",
        form_fields=_fields(
            ("Full name", "singleline", True),
            ("Email", "email", True),
            ("Phone", "singleline", False),
            ("Local you retired from", "singleline", False),
        ),
    )
    log.step(f"{'created' if created else 'kept'} Retiree Action Team sign-up")


def load_petition(home, log):
    _, created = ensure_page(
        home,
        ActionPage,
        "red-cross-petition",
        title="Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract",
        kind=ActionKind.PETITION,
        goal=10000,
        intro=(
            "The American Red Cross workers who collect the nation's blood supply are asking "
            "for your support."
        ),
        body=_body(
            "Collection staff keep hospital shelves stocked with blood, through storms, "
            "holidays and a pandemic. They work short-handed day after day, and the chronic "
            "understaffing has made conditions unsafe for them and for donors.",
            "Their contract expires on May 31. They are asking the Red Cross for an agreement "
            "that staffs collection sites properly and treats the people doing this work with "
            "dignity.",
            "Add your name to show Red Cross management that the public stands with them.",
        ),
        consent_text="Add my name to the petition and keep me informed about this campaign.",
        submit_label="Sign the petition",
        thank_you_text="Thank you for signing. Share the petition so others can add their names.",
        form_fields=_fields(
            ("First name", "singleline", True),
            ("Last name", "singleline", True),
            ("Email", "email", True),
            ("ZIP or postal code", "singleline", True),
            ("I work for the Red Cross", "checkbox", False),
        ),
    )
    log.step(f"{'created' if created else 'kept'} Red Cross petition /red-cross-petition/")


def load_local_forms(section, log):
    """The "Need a Union?" organizer form under any section root (a local's page)."""
    name = section.title
    page, created = ensure_page(
        section,
        ActionPage,
        "talk-to-an-organizer",
        title="Need a Union? Talk to an organizer",
        kind=ActionKind.ORGANIZER,
        intro=(
            f"Thinking about a union where you work? An organizer from {name} will call you "
            "back, answer your questions and explain your rights."
        ),
        body=_body(
            "Tell us a little about your workplace. There is no obligation, and the "
            "conversation stays between you and the organizer.",
        ),
        consent_text="I agree that an organizer may contact me about forming a union.",
        privacy_note=(
            "Only the organizing staff of this local read what you send. We never share it "
            "with your employer or anyone else, and we delete it after the campaign."
        ),
        submit_label="Ask an organizer to contact me",
        thank_you_text="Thank you. An organizer will be in touch soon, discreetly.",
        to_address="organizing@example.org",
        form_fields=_fields(
            ("Your name", "singleline", True),
            ("Phone", "singleline", False),
            ("Email", "email", True),
            ("Where you work", "singleline", True),
            ("Best way to reach you", "radio", True, "Phone\nEmail\nText message"),
            ("What would you like to change at work?", "multiline", False),
        ),
    )
    log.step(f"{'created' if created else 'kept'} organizer form {page.url_path}")
    return page


def load(log):
    from opeiu_site.home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        return
    load_team_forms(home, log)
    load_petition(home, log)
    local = find_page("local-12")
    if local is not None:
        load_local_forms(local.specific, log)
