"""Small helpers the demo loaders of every app share: idempotent page creation and a log."""

from wagtail.models import Page


class DemoLog:
    """Collects progress lines and the logins to print at the end of `load_demo`."""

    def __init__(self, write):
        self._write = write
        self.logins = []

    def step(self, message):
        self._write(f"  {message}")

    def login(self, username, password, note):
        self.logins.append((username, password, note))


def ensure_page(parent, model, slug, **fields):
    """Return the live child of `parent` with this slug, creating and publishing it if missing.

    An existing page is returned untouched, so a second run keeps whatever editors changed.
    Returns (page, created).
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def find_page(slug, model=Page):
    """The first page of this type with this slug anywhere in the tree, or None."""
    return model.objects.filter(slug=slug).first()
