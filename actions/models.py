"""Action pages: sign-ups, petitions and "talk to an organizer" forms that editors build in
the admin (Wagtail's form builder), with submissions stored, listed and exported there.

Nothing a member sends is lost: the submission is saved first, in its own transaction, and
staff are emailed only after it commits; a broken mail server is logged, never shown to the
member. Staff emails carry a link to the submissions list, not the member's answers.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from opeiu_site.core.blocks import BodyBlock
from opeiu_site.core.models import BasePage

from . import spam
from .choices import ActionKind
from .forms import ActionFormBuilder, ActionPageForm
from .notify import notify_member, notify_staff, staff_recipients
from .sharing import share_links

logger = logging.getLogger(__name__)

# Fields that exist to stop bots; never stored.
NOT_STORED = {spam.HONEYPOT_FIELD, spam.STARTED_FIELD}


class AbstractActionPage(EmailFormMixin, FormMixin, BasePage):
    """Wagtail's AbstractEmailForm, on our BasePage (listing summary and social image)."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ActionKind, default=ActionKind.SIGN_UP
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)
    goal = models.PositiveIntegerField(
        _("signature goal"), null=True, blank=True, help_text=_("Petitions only.")
    )
    consent_text = models.CharField(
        _("consent line"),
        max_length=255,
        blank=True,
        default="I agree that OPEIU may contact me about this campaign.",
        help_text=_("A required checkbox at the end of the form. Leave empty for none."),
    )
    privacy_note = models.TextField(
        _("privacy note"),
        blank=True,
        default=(
            "We use what you send only for this campaign. We never sell or share it, and we "
            "delete it when it is no longer needed."
        ),
    )
    submit_label = models.CharField(_("button label"), max_length=60, default="Send")
    thank_you_text = models.TextField(
        _("thank-you message"), default="Thank you. We have received your details."
    )
    confirmation_email = models.BooleanField(
        _("email the member a confirmation"),
        default=False,
        help_text=_("Sent to the form's email field after the submission is saved."),
    )
    confirmation_text = models.TextField(
        _("confirmation email text"),
        blank=True,
        help_text=_("Leave blank to send the thank-you message. Never include answers."),
    )

    def get_submissions_list_view_class(self):
        """Wagtail's submissions list whose CSV export neutralises formulas a member typed
        (CSV injection); imported here, as Wagtail's admin views need the app registry."""
        from .exports import InertSubmissionsListView

        return InertSubmissionsListView

    content_panels = BasePage.content_panels + [
        FormSubmissionsPanel(),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("goal")]),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("consent_text"),
        FieldPanel("submit_label"),
        FieldPanel("privacy_note"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    help_text=_(
                        "Goes to the local's contact email already; add other addresses here, "
                        "separated by commas."
                    ),
                ),
                FieldPanel("from_address"),
                FieldPanel("subject"),
            ],
            heading=_("Staff notification email (a link to the submissions, no answers)"),
        ),
        MultiFieldPanel(
            [FieldPanel("confirmation_email"), FieldPanel("confirmation_text")],
            heading=_("Confirmation email to the member"),
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    base_form_class = ActionPageForm

    class Meta:
        abstract = True

    # The form --------------------------------------------------------------------------

    def get_form_class(self):
        return ActionFormBuilder(self.get_form_fields(), self.consent_text).get_form_class()

    def get_data_fields(self):
        fields = super().get_data_fields()
        if self.consent_text:
            fields.append((spam.CONSENT_FIELD, _("Consent given")))
        return fields

    @property
    def is_petition(self):
        return self.kind == ActionKind.PETITION

    def signature_count(self):
        """Signatures on record, including those deleted by `purge_submissions`."""
        if not hasattr(self, "_signature_count"):
            purged = PurgedSubmissions.objects.filter(page_id=self.pk).values_list(
                "count", flat=True
            )
            self._signature_count = self.get_submissions().count() + sum(purged)
        return self._signature_count

    def signature_count_display(self):
        return f"{self.signature_count():,}"

    def goal_display(self):
        return f"{self.goal:,}" if self.goal else ""

    def goal_percent(self):
        if not self.goal:
            return 0
        return min(100, round(100 * self.signature_count() / self.goal))

    # Storing and notifying -------------------------------------------------------------

    def process_form_submission(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in NOT_STORED}
        submission = self.get_submission_class().objects.create(form_data=data, page=self)
        recipients = staff_recipients(self)
        if recipients:
            transaction.on_commit(lambda: notify_staff(self, submission, recipients))
        address = self.member_address(data)
        if address:
            transaction.on_commit(lambda: notify_member(self, submission, address))
        return submission

    def email_field_name(self):
        """The clean name of the form's first email field, or None."""
        return next(
            (field.clean_name for field in self.get_form_fields() if field.field_type == "email"),
            None,
        )

    def earlier_signature(self, data):
        """A petition's stored submission with the same email (case aside), or None: one
        person signs once, however often they send the form. Called inside the submission's
        transaction; the page row is locked so that two sends at once cannot both pass."""
        name = self.email_field_name()
        email = (data.get(name) or "").strip() if name else ""
        if not (self.is_petition and email):
            return None
        Page.objects.select_for_update().filter(pk=self.pk).first()
        submissions = self.get_submission_class().objects.filter(page=self)
        return submissions.filter(**{f"form_data__{name}__iexact": email}).first()

    def member_address(self, data):
        """Where the confirmation goes: the form's first email field, if the page sends one."""
        if not self.confirmation_email:
            return ""
        for field in self.get_form_fields():
            if field.field_type == "email" and data.get(field.clean_name):
                return data[field.clean_name]
        return ""

    def send_mail(self, form):  # Wagtail's version would mail every answer: never used here.
        raise NotImplementedError("ActionPage notifies staff with actions.notify.notify_staff")

    # Serving ---------------------------------------------------------------------------

    def _render(self, request, template, status=200, **extra):
        context = self.get_context(request)
        context.update(extra)
        return TemplateResponse(request, template, context, status=status)

    def render_form(self, request, form, status=200):
        return self._render(request, self.get_template(request), status=status, form=form)

    def bad_request(self, request):
        return self._render(request, "actions/bad_request.html", status=400)

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            initial = {spam.STARTED_FIELD: spam.issue_started_token()}
            form = self.get_form(page=self, user=request.user, initial=initial)
            return self.render_form(request, form)

        try:
            if int(request.META.get("CONTENT_LENGTH") or 0) > settings.ACTIONS_MAX_POST_BYTES:
                return self.bad_request(request)
            data = request.POST
        except (ValueError, RequestDataTooBig, TooManyFieldsSent):
            return self.bad_request(request)

        if spam.looks_like_bot(data):
            # Look exactly like success so the bot learns nothing; store and send nothing.
            logger.info("Dropped a bot submission on page %s", self.pk)
            return self.render_landing_page(request, None)

        form = self.get_form(data, page=self, user=request.user)
        expired = spam.check_started_token(data.get(spam.STARTED_FIELD)) == spam.EXPIRED
        if not form.is_valid() or expired:
            if expired:
                form.add_error(None, _("This form was open for a long time. Please send it again."))
            form.data = form.data.copy()
            form.data[spam.STARTED_FIELD] = (
                spam.issue_started_token() if expired else data.get(spam.STARTED_FIELD)
            )
            return self.render_form(request, form)

        if spam.rate_limited(request):
            response = self._render(request, "actions/rate_limited.html", status=429)
            response["Retry-After"] = str(settings.ACTIONS_RATE_LIMIT[1])
            return response

        if not spam.claim_started_token(data.get(spam.STARTED_FIELD)):
            # The same filled-in form sent again (a replay, or a double click): one is stored.
            logger.info("Dropped a replayed submission on page %s", self.pk)
            return self.render_landing_page(request, None)

        with transaction.atomic():
            # Signing again shows the same thank-you (whether an address has signed is not
            # for anyone to find out) and stores and counts nothing.
            earlier = self.earlier_signature(form.cleaned_data)
            submission = earlier or self.process_form_submission(form)
        return self.render_landing_page(request, submission)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = spam.HONEYPOT_FIELD
        context["consent_field"] = spam.CONSENT_FIELD
        if self.is_petition and self.live:
            url = request.build_absolute_uri(self.get_url(request))
            context["share_url"] = url
            context["share_links"] = share_links(url, self.title)
        return context


class ActionPage(AbstractActionPage):
    search_type_label = _("Petition or sign-up")
    parent_page_types = ["home.HomePage", "locals.LocalPage"]
    subpage_types = []
    template = "actions/action_page.html"
    landing_page_template = "actions/action_page_landing.html"

    class Meta:
        verbose_name = _("action page (sign-up or petition)")


class ActionFormField(AbstractFormField):
    page = ParentalKey(ActionPage, on_delete=models.CASCADE, related_name="form_fields")


class PurgedSubmissions(models.Model):
    """How many submissions of a page `purge_submissions` has deleted, so a petition keeps
    counting signatures whose personal data is gone. Not a page field: publishing a revision
    would overwrite it."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("purged submissions tally")

    def __str__(self):
        return f"{self.count} purged from page {self.page_id}"
