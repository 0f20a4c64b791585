"""Admin panels of the events app: the series' per-date changes listed upcoming first (soonest
at the top), with changes to past dates after them, folded in a <details> (kept, not deleted)."""

import datetime as dt

from django.utils import timezone
from wagtail.admin.panels import InlinePanel


def _child_date(child):
    value = child.form["date"].value()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or ""))
    except ValueError:
        return None


class DateChangesPanel(InlinePanel):
    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "events/admin/date_changes_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.past_children = []
            self.past_has_errors = False
            if self.form is None:
                return
            zone = getattr(self.instance, "zone", None)
            today = timezone.now().astimezone(zone).date() if zone else timezone.localdate()
            dated = [(_child_date(child), child) for child in self.children]
            upcoming = [pair for pair in dated if pair[0] is None or pair[0] >= today]
            past = [pair for pair in dated if pair[0] is not None and pair[0] < today]
            upcoming.sort(key=lambda pair: pair[0] or dt.date.max)
            past.sort(key=lambda pair: pair[0], reverse=True)
            self.children = [child for _, child in upcoming]
            self.past_children = [child for _, child in past]
            self.past_has_errors = any(child.form.errors for child in self.past_children)
