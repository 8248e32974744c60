"""Login and logout, and the API token page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from luoshi_web.accounts import token_views
from luoshi_web.accounts.forms import ThrottledLoginForm

token_patterns = [
    path("", token_views.token_list, name="list"),
    path("create", token_views.token_create, name="create"),
    path("<int:pk>/revoke", token_views.token_revoke, name="revoke"),
    path("service-accounts", token_views.service_account_create, name="service_account"),
]

urlpatterns = [
    path(
        "login/",
        login_not_required(
            auth_views.LoginView.as_view(authentication_form=ThrottledLoginForm, redirect_authenticated_user=True)
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", include((token_patterns, "tokens"))),
]
