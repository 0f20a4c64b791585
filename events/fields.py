"""A compact model field for "which weekdays": stored as "1,3", edited as checkboxes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Weekday

INVALID = _("Weekdays are numbers from 0 (Monday) to 6.")


class WeekdaysField(models.CharField):
    """A list of weekday numbers (Monday = 0) stored as a comma-separated string, so it works
    the same on SQLite and PostgreSQL."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        kwargs.pop("blank", None)
        kwargs.pop("default", None)
        return name, path, args, kwargs

    @staticmethod
    def _parse(value, strict=True):
        """The sorted weekday numbers in `value`. Text that is not a weekday is a validation
        error (strict), or is dropped when reading a stored row, so a bad row cannot break a
        page."""
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = value.strip("[]").replace(" ", "").split(",")
        days = set()
        for item in value:
            text = str(item).strip("'\"")
            if text == "":
                continue
            if text.isdigit() and int(text) < 7:
                days.add(int(text))
            elif strict:
                raise ValidationError(INVALID, code="invalid")
        return sorted(days)

    def from_db_value(self, value, expression, connection):
        return self._parse(value, strict=False)

    def to_python(self, value):
        return self._parse(value)

    def get_prep_value(self, value):
        return ",".join(str(v) for v in self._parse(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Weekday.choices,
            coerce=int,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
