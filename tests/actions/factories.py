import factory
import wagtail_factories

from actions.models import ActionFormField, ActionKind, ActionPage


class ActionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Action {n}")
    kind = ActionKind.SIGN_UP
    intro = "Join us."

    class Meta:
        model = ActionPage


def add_fields(page, *specs):
    """Add form fields (label, field_type, required[, choices]) to `page` and publish it."""
    for order, (label, field_type, required, *rest) in enumerate(specs):
        ActionFormField.objects.create(
            page=page,
            sort_order=order,
            label=label,
            field_type=field_type,
            required=required,
            choices=rest[0] if rest else "",
        )
    page.save_revision().publish()
    return page


def petition(parent, slug="petition", goal=100, **kwargs):
    page = ActionPageFactory(
        parent=parent,
        slug=slug,
        title="Sign our petition",
        kind=ActionKind.PETITION,
        goal=goal,
        **kwargs,
    )
    return add_fields(
        page,
        ("First name", "singleline", True),
        ("Email", "email", True),
        ("Signatures wanted", "number", False),
        ("Best way to reach you", "radio", False, "Phone\nEmail"),
        ("Message", "multiline", False),
    )
