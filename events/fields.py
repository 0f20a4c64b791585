"""A compact model field for "which weekdays": stored as "1,3", edited as checkboxes."""

from django import forms
from django.db import models

from .choices import Weekday


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
    def _parse(value):
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = value.strip("[]").replace(" ", "").split(",")
        return sorted({int(v) for v in value if str(v).strip("'\"") != ""})

    def from_db_value(self, value, expression, connection):
        return self._parse(value)

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
