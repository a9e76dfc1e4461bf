from django.urls import path

from cases.views import allocation, court, history, pages, steps

app_name = "cases"

urlpatterns = [
    path("", pages.case_list, name="list"),
    path("new/", steps.open_case, name="open"),
    path("find/", pages.find_by_name, name="find-by-name"),
    path("<int:pk>/", pages.case_detail, name="detail"),
    path("<int:pk>/suspects/", pages.case_suspects, name="suspects"),
    path("<int:pk>/early-advice/", pages.case_early_advice, name="early-advice"),
    path("<int:pk>/charging/", pages.case_charging, name="charging"),
    path("<int:pk>/timeline/", pages.case_timeline, name="timeline"),
    path("<int:pk>/history/", history.case_history_page, name="history"),
    path("<int:pk>/allocate/", allocation.allocate, name="allocate"),
    path("<int:pk>/referrals/<int:referral_pk>/allocate/", allocation.allocate_referral, name="allocate_referral"),
    path("<int:pk>/officer/", allocation.change_officer, name="change_officer"),
    path("<int:pk>/suspects/new/", steps.add_suspect, name="add-suspect"),
    path(
        "<int:pk>/suspects/<int:suspect_pk>/early-advice/",
        steps.request_early_advice,
        name="request-early-advice",
    ),
    path(
        "<int:pk>/suspects/<int:suspect_pk>/charging-referral/",
        steps.refer_for_charging_decision,
        name="refer-for-charging-decision",
    ),
    path("<int:pk>/suspects/<int:suspect_pk>/police-nfa/", steps.record_police_nfa, name="record-police-nfa"),
    path("<int:pk>/referrals/<int:referral_pk>/advice/", steps.give_early_advice, name="give-early-advice"),
    path("<int:pk>/referrals/<int:referral_pk>/triage/", steps.triage_referral, name="triage-referral"),
    path(
        "<int:pk>/referrals/<int:referral_pk>/decision/",
        steps.record_charging_decision,
        name="record-charging-decision",
    ),
    path("<int:pk>/referrals/<int:referral_pk>/prfi/", steps.prfi_referral, name="prfi-referral"),
    path("<int:pk>/prfis/<int:prfi_pk>/reopen/", steps.reopen_referral, name="reopen-referral"),
    path("<int:pk>/court/", court.case_court, name="court"),
    path("<int:pk>/suspects/<int:suspect_pk>/sending/", court.sending, name="sending"),
    path("<int:pk>/suspects/<int:suspect_pk>/hearings/", court.hearing, name="hearing"),
    path("<int:pk>/suspects/<int:suspect_pk>/outcome/", court.outcome, name="outcome"),
    path("<int:pk>/suspects/<int:suspect_pk>/sentence/", court.sentence, name="sentence"),
    path("<int:pk>/hearings/<int:hearing_pk>/held/", court.hearing_held, name="hearing-held"),
    path("<int:pk>/suspects/<int:suspect_pk>/trials/", court.trial, name="trial"),
    path("<int:pk>/trials/<int:trial_pk>/outcome/", court.trial_outcome, name="trial-outcome"),
    path("<int:pk>/trials/<int:trial_pk>/readiness/", court.readiness, name="readiness"),
    path("<int:pk>/directions/", court.direction, name="direction"),
    path("<int:pk>/directions/<int:direction_pk>/complied/", court.comply, name="comply"),
    path("trials-at-risk/", court.trials_at_risk_page, name="trials-at-risk"),
]
