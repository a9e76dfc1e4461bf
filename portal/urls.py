"""The complainant's and ISVA's own view, under /your-case/: no case reference, label or name in any URL; a case is
named by its invitation's public id."""

from django.urls import path

from portal import actions, sign_in, views

app_name = "portal"

urlpatterns = [
    path("invitation/<str:token>/", sign_in.invitation, name="invitation"),
    path("sign-in/", sign_in.start, name="sign-in"),
    path("sign-in/callback/", sign_in.callback, name="callback"),
    path("exit/", sign_in.exit_this_page, name="exit"),
    path("signed-out/", sign_in.signed_out, name="signed-out"),
    path("", views.home, name="home"),
    path("<uuid:access>/", views.journey, name="journey"),
    path("<uuid:access>/letters/<int:letter>/", views.letter, name="letter"),
    path("<uuid:access>/wishes/", actions.wishes, name="wishes"),
    path("<uuid:access>/call-me/", actions.call_me, name="call-me"),
    path("<uuid:access>/review/", actions.review, name="review"),
    path("<uuid:access>/no-longer-support/", actions.no_longer_support, name="no-longer-support"),
]
