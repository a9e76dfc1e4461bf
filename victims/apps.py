from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "victims"

    def ready(self) -> None:
        from cases.due import DatedItems, register_due_source  # noqa: PLC0415

        # Registers complainants' identities with the identity screen (cases.identity_screen), connects the
        # receivers, and registers what moves when an administrator changes a deadline number.
        from victims import identity, receivers, rescheduling  # noqa: F401, PLC0415
        from victims.models import Communication, VrrRequest  # noqa: PLC0415

        # What the case list shows as due next: letters not yet sent, and answers to VRR requests.
        register_due_source(
            DatedItems(
                lambda: Communication.objects.unsent().filter(due_on__isnull=False),
                lambda row: f"{Communication(kind=row['kind']).short_name} due",
                case="complainant__case_id",
                reads=("kind",),
            )
        )
        register_due_source(
            DatedItems(
                lambda: VrrRequest.objects.filter(outcome=""),
                "VRR response due",
                case="complainant__case_id",
                on="respond_by",
            )
        )
