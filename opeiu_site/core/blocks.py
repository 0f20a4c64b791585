"""StreamField blocks every content type shares. Templates live in templates/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

# Editors get a small, safe set of rich-text features: no raw HTML, no embeds.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class LinkBlock(blocks.StructBlock):
    """A labelled link to a page or to a URL (exactly one of them)."""

    label = blocks.CharBlock(label=_("label"), max_length=100)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or a web address"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return value

    def get_url(self, value):
        page = value.get("page")
        return page.url if page else value.get("url")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class CaptionedImageBlock(ImageBlock):
    """Wagtail's ImageBlock (which requires alt text or marks the image decorative),
    with a caption."""

    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CallToActionBlock(LinkBlock):
    """A prominent button: "Sign the petition", "Join the Member Action Team"."""

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")


class DocumentDownloadBlock(blocks.StructBlock):
    """A download link that says what the file is and how big, e.g. "Download the PDF"."""

    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("label"), required=False, max_length=100)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"


class ContactDetailsBlock(blocks.StaticBlock):
    """Shows the site's contact details from site settings, so they are typed once."""

    class Meta:
        icon = "mail"
        admin_text = _("Shows the address, phones and email from site settings.")
        template = "blocks/contact_details_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body every content page uses."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentDownloadBlock(label=_("document download"))
    contact_details = ContactDetailsBlock(label=_("contact details"))
