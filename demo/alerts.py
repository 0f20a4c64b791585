"""Demo subscribers, so that `make run` shows a notice: change a date of Local 12's Membership
meetings in the admin and the worker prints the email (the console mailer). Both addresses
are confirmed, as if they had followed the confirmation link."""

from alerts import subscriptions
from alerts.models import Topic
from events.models import MeetingSeriesPage

DEMO_SUBSCRIBERS = [
    ("member@example.org", Topic.SERIES),
    ("steward@example.org", Topic.MEETINGS),
]


def load(log):
    series = MeetingSeriesPage.objects.filter(slug="membership-meetings").first()
    if series is None:
        return
    calendar = series.get_parent()
    for email, topic in DEMO_SUBSCRIBERS:
        mailing_list = subscriptions.list_for(series if topic == Topic.SERIES else calendar, topic)
        subscriptions.subscribe(mailing_list, email, "Demo subscriber", confirmed=True)
    log.step(f"Email alerts: {len(DEMO_SUBSCRIBERS)} subscribers to {series.title} changes")
