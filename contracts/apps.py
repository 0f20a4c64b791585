from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = "Contracts, documents and stewards"

    def ready(self):
        from . import signals

        signals.connect()
