"""An admin panel telling the editor whether members can search inside the page's PDF."""

from wagtail.admin.panels import Panel


class DocumentTextPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "contracts/admin/document_text_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["text_status"] = (
                instance.document_text_status() if instance.pk and instance.document_id else None
            )
            return context
