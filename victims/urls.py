from django.urls import path

from victims.views import complainants, letters, own_view, records

app_name = "victims"

urlpatterns = [
    path("cases/<int:pk>/complainants/", complainants.case_complainants, name="case-complainants"),
    path("cases/<int:pk>/complainants/new/", complainants.new_complainant, name="new-complainant"),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/identity/", complainants.show_identity, name="identity"),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/wishes/", records.wishes, name="wishes"),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/isva/", records.isva, name="isva"),
    path(
        "cases/<int:pk>/complainants/<int:complainant_pk>/special-measures/",
        records.special_measure,
        name="special-measure",
    ),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/withdrawal/", records.withdrawal, name="withdrawal"),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/meetings/", records.offer_meeting, name="offer-meeting"),
    path("cases/<int:pk>/meetings/<int:meeting_pk>/", records.answer_meeting, name="answer-meeting"),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/vrr/", records.vrr_request, name="vrr-request"),
    path("cases/<int:pk>/vrr/<int:vrr_pk>/outcome/", records.vrr_outcome, name="vrr-outcome"),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/letters/", letters.letter_owed, name="letter-owed"),
    path("cases/<int:pk>/letters/<int:letter_pk>/", letters.letter, name="letter"),
    path("cases/<int:pk>/letters/<int:letter_pk>/sent/", letters.send, name="send-letter"),
    path("cases/<int:pk>/complainants/<int:complainant_pk>/own-view/", own_view.own_view, name="own-view"),
    path("cases/<int:pk>/invitations/<int:invitation_pk>/revoke/", own_view.revoke, name="revoke-invitation"),
    path(
        "cases/<int:pk>/own-view-requests/<int:request_pk>/answered/", own_view.answer_request, name="answer-request"
    ),
    path("letters/", letters.due, name="letters-due"),
    path("survey-responses/new/", letters.survey_response, name="survey-response"),
]
