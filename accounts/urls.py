from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.forms import SignInForm
from accounts.middleware import second_factor_not_required

app_name = "accounts"

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html", authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="sign-in",
    ),
    path("sign-in/code/", views.verify, name="verify"),
    path("sign-in/set-up-app/", views.set_up_authenticator, name="set-up-authenticator"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("sign-out/", second_factor_not_required(auth_views.LogoutView.as_view()), name="sign-out"),
]
