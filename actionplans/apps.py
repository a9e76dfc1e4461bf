from django.apps import AppConfig
from django.db.models import Q


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from actionplans import receivers  # noqa: F401, PLC0415 - connects the receivers
        from actionplans.escalation import raise_due_reviews  # noqa: PLC0415
        from reminders.due import register_due_items  # noqa: PLC0415

        # Review points fall due with everything else, and are raised by the one sweeper.
        register_due_items("review points", raise_due_reviews)

        from actionplans.models import Action, ActionStatus, PlanStatus, ReviewPoint  # noqa: PLC0415
        from cases.due import DatedItems, register_due_source  # noqa: PLC0415

        # What the case list shows as due next: the actions the police owe on open plans, and each plan's next review.
        open_actions = Q(status=ActionStatus.OUTSTANDING, plan__status=PlanStatus.OPEN)
        register_due_source(
            DatedItems(
                lambda: Action.objects.filter(open_actions), "Action plan action due", case="plan__suspect__case_id"
            )
        )
        register_due_source(
            DatedItems(
                lambda: ReviewPoint.objects.filter(raised_at__isnull=True, cancelled_at__isnull=True),
                lambda row: f"{row['level__days']}-day plan review due",
                case="plan__suspect__case_id",
                reads=("level__days",),
            )
        )
