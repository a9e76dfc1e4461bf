from django.urls import path

from actionplans.views import case, proportionality, work

app_name = "actionplans"

urlpatterns = [
    path("cases/<int:pk>/action-plans/", case.case_plans, name="case-plans"),
    path("cases/<int:pk>/referrals/<int:referral_pk>/action-plan/", case.set_plan, name="set-plan"),
    path(
        "cases/<int:pk>/referrals/<int:referral_pk>/advice-with-plan/", case.advise_with_plan, name="advise-with-plan"
    ),
    path("cases/<int:pk>/actions/<int:action_pk>/answer/", case.answer, name="answer"),
    path("cases/<int:pk>/actions/<int:action_pk>/withdraw/", case.withdraw, name="withdraw"),
    path("cases/<int:pk>/action-plans/<int:plan_pk>/close/", case.close, name="close"),
    path("action-plans/due/", work.police_actions_due, name="due"),
    path("action-plans/overdue/", work.overdue, name="overdue"),
    path("action-plans/aged/", work.aged, name="aged"),
    path("action-plans/joim-agenda.<str:file_format>", work.joim_agenda_download, name="joim-agenda"),
    path("action-plans/proportionality/", proportionality.queue, name="proportionality"),
    path("action-plans/proportionality/reviews/<int:review_pk>/", proportionality.review, name="review"),
]
