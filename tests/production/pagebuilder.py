"""Build a live page of ANY page type with every editor-entered text set to a payload.

Used by the escaping test, the cache tests and the fuzzer, so page types that arrive later
are covered without new test code: fields are filled from their model definitions and
StreamField values from their block definitions. A page type that cannot be built says why.
"""

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page, get_page_models
from wagtail.snippets.blocks import SnippetChooserBlock

PAYLOAD = "<script>alert(1)</script>"
# What the rich text editor stores when an editor types the payload: entities, not a tag.
RICH_TEXT_PAYLOAD = "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"

# Tree bookkeeping and identifiers that editors never type.
INTERNAL_FIELDS = {"path", "url_path", "slug", "draft_title", "translation_key", "clean_name"}


class CannotBuild(Exception):
    """A page type that this builder cannot construct; the message says why."""


def concrete_page_models():
    return [m for m in get_page_models() if m is not Page and not m._meta.abstract]


class PageBuilder:
    def __init__(self, home, payload=PAYLOAD):
        self.home = home
        self.payload = payload
        self._image = None
        self._document = None
        self._counter = 0

    # --- media that required choosers need ---------------------------------------------------

    def image(self):
        if self._image is None:
            from wagtail_factories import ImageFactory

            self._image = ImageFactory(title=self.payload)
        return self._image

    def document(self):
        if self._document is None:
            from wagtail_factories import DocumentFactory

            self._document = DocumentFactory(title=self.payload)
        return self._document

    # --- pages --------------------------------------------------------------------------------

    def parent_for(self, model, _seen=()):
        """A live page that may hold `model`, building one (recursively) if none exists."""
        if model in _seen:
            raise CannotBuild(f"circular parent types for {model.__name__}")
        parent_models = [m for m in model.allowed_parent_page_models() if m is not Page]
        for parent_model in parent_models:
            candidate = parent_model.objects.live().descendant_of(self.home, inclusive=True)
            for parent in candidate:
                if model.can_exist_under(parent) and model.can_create_at(parent):
                    return parent
        for parent_model in parent_models:
            try:
                parent = self.build(parent_model, _seen=(*_seen, model))
            except CannotBuild:
                continue
            if model.can_create_at(parent):
                return parent
        raise CannotBuild(f"no parent type of {model.__name__} can be built under the home page")

    def build(self, model, parent=None, _seen=()):
        """A published page of `model` with every text field and text block set to the payload."""
        parent = parent or self.parent_for(model, _seen)
        self._counter += 1
        page = model(slug=f"built-{model._meta.model_name}-{self._counter}", title=self.payload)
        for field in model._meta.concrete_fields:
            if field.name in INTERNAL_FIELDS or not field.editable or field.primary_key:
                continue
            if field.model is Page and field.name not in ("seo_title", "search_description"):
                continue
            self._fill_field(page, field)
        for relation in get_all_child_relations(model):
            child = self._child(relation.related_model, relation.field.name)
            if child is not None:
                getattr(page, relation.get_accessor_name()).add(child)
        self.prepare(page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    def prepare(self, page):
        """Called with each page before it is saved: a subclass may set more on it."""

    def _child(self, child_model, parent_field_name):
        child = child_model()
        for field in child_model._meta.concrete_fields:
            if field.name in INTERNAL_FIELDS or field.name == parent_field_name:
                continue
            if not field.editable or field.primary_key or field.name == "sort_order":
                continue
            try:
                self._fill_field(child, field)
            except CannotBuild:
                return None
        return child

    # --- model fields -------------------------------------------------------------------------

    def _fill_field(self, obj, field):
        value = self._field_value(field)
        if value is not _KEEP:
            is_link = isinstance(field, models.ForeignKey)
            setattr(obj, field.attname if is_link else field.name, value)

    def _field_value(self, field):
        if isinstance(field, StreamField):
            return self.stream_value(field.stream_block)
        if isinstance(field, RichTextField):
            return RICH_TEXT_PAYLOAD
        if field.choices:
            return field.flatchoices[0][0]  # grouped choices (optgroups) too
        if isinstance(field, models.EmailField):
            return "member@example.org"
        if isinstance(field, models.URLField):
            return "https://example.org/"
        if isinstance(field, models.SlugField):
            return f"slug-{self._counter}"
        if isinstance(field, models.CharField | models.TextField):
            limit = field.max_length or len(self.payload)
            text = self.payload[:limit]
            # Text an editor could not save (a time zone, an address list, weekday numbers):
            # the field's default or blank, as in the admin.
            return text if _accepts(field, text) else _valid_placeholder(field)
        if isinstance(field, models.ForeignKey):
            return self._foreign_key(field)
        if field.has_default() or field.null:
            return _KEEP
        return self._scalar(field)

    def _foreign_key(self, field):
        target = field.related_model
        if field.null:
            from wagtail.images.models import AbstractImage

            if issubclass(target, AbstractImage):
                return self.image().pk
            return _KEEP
        if issubclass(target, Page):
            return self.home.pk
        from wagtail.documents.models import AbstractDocument

        if issubclass(target, AbstractDocument):
            return self.document().pk
        raise CannotBuild(f"required link {field.name} to {target.__name__} has no builder")

    def _scalar(self, field):
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, models.IntegerField | models.FloatField):
            return 1
        if isinstance(field, models.DecimalField):
            return decimal.Decimal("1")
        if isinstance(field, models.DateTimeField):
            return timezone.now() + datetime.timedelta(days=7)
        if isinstance(field, models.DateField):
            return timezone.localdate() + datetime.timedelta(days=7)
        if isinstance(field, models.TimeField):
            return datetime.time(18, 0)
        if isinstance(field, models.DurationField):
            return datetime.timedelta(hours=1)
        return _KEEP

    # --- StreamField blocks ---------------------------------------------------------------------

    def stream_value(self, stream_block):
        raw = [
            {"type": name, "value": self.raw_block_value(child)}
            for name, child in stream_block.child_blocks.items()
        ]
        return stream_block.to_python(raw)

    def raw_block_value(self, block):
        """The JSON form of a block value with text set to the payload."""
        if isinstance(block, ImageBlock):
            return {"image": self.image().pk, "alt_text": self.payload, "decorative": False} | {
                name: self.raw_block_value(child)
                for name, child in block.child_blocks.items()
                if name not in ("image", "alt_text", "decorative")
            }
        if isinstance(block, blocks.StreamBlock):
            return [
                {"type": name, "value": self.raw_block_value(child)}
                for name, child in block.child_blocks.items()
            ]
        if isinstance(block, blocks.StructBlock):
            return {name: self.raw_block_value(child) for name, child in block.child_blocks.items()}
        if isinstance(block, blocks.ListBlock):
            return [self.raw_block_value(block.child_block)]
        if isinstance(block, blocks.RichTextBlock):
            return RICH_TEXT_PAYLOAD
        if isinstance(block, blocks.ChoiceBlock | blocks.MultipleChoiceBlock):
            first = block.field.choices[0][0] if block.field.choices else ""
            return [first] if isinstance(block, blocks.MultipleChoiceBlock) else first
        if isinstance(block, blocks.EmailBlock):
            return "member@example.org"
        if isinstance(block, blocks.URLBlock):
            return "https://example.org/"
        if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.RawHTMLBlock):
            if isinstance(block, blocks.RawHTMLBlock):
                raise CannotBuild("RawHTMLBlock is editor HTML by design; do not use it")
            return self.payload
        if isinstance(block, blocks.PageChooserBlock):
            return self.home.pk
        if isinstance(block, ImageChooserBlock):
            return self.image().pk
        if isinstance(block, DocumentChooserBlock):
            return self.document().pk
        if isinstance(block, SnippetChooserBlock):
            return None
        if isinstance(block, blocks.BooleanBlock):
            return True
        if isinstance(block, blocks.IntegerBlock | blocks.FloatBlock | blocks.DecimalBlock):
            return 1
        if isinstance(block, blocks.DateTimeBlock):
            return (timezone.now() + datetime.timedelta(days=7)).isoformat()
        if isinstance(block, blocks.DateBlock):
            return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
        if isinstance(block, blocks.TimeBlock):
            return "18:00:00"
        return block.get_prep_value(block.get_default())


_KEEP = object()


def _accepts(field, value):
    """Whether the model field's own validation (to_python, validators) takes `value`."""
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


def _valid_placeholder(field):
    if field.has_default():
        return _KEEP
    if field.blank:
        return ""
    raise CannotBuild(f"{field.name} accepts no text of this payload and has no default")
