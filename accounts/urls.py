from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from accounts import invitations, oidc, views
from accounts.local_sign_in import SignInView
from accounts.middleware import second_factor_not_required

app_name = "accounts"

urlpatterns = [
    path("sign-in/", SignInView.as_view(), name="sign-in"),
    path("sign-in/organisation/", login_not_required(oidc.StartView.as_view()), name="organisation-sign-in"),
    path(
        "sign-in/organisation/callback/",
        login_not_required(oidc.CallbackView.as_view()),
        name="organisation-sign-in-callback",
    ),
    path("account/invitation/<str:token>/", invitations.accept_invitation, name="accept-invitation"),
    path("sign-in/code/", views.verify, name="verify"),
    path("sign-in/set-up-app/", views.set_up_authenticator, name="set-up-authenticator"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("sign-out/", second_factor_not_required(auth_views.LogoutView.as_view()), name="sign-out"),
]
