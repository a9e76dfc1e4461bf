from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        from operations import broker, metrics  # noqa: PLC0415 - the app registry must be ready first

        metrics.register_gauge(
            "rasso_queue_length", "Celery messages waiting in each queue.", broker.queue_lengths, label="queue"
        )
