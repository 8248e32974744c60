"""Login and logout, and the API token page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from luoshi_web.accounts import token_views, user_views
from luoshi_web.accounts.forms import ThrottledLoginForm

token_patterns = [
    path("", token_views.token_list, name="list"),
    path("create", token_views.token_create, name="create"),
    path("<int:pk>/revoke", token_views.token_revoke, name="revoke"),
    path("service-accounts", token_views.service_account_create, name="service_account"),
]

account_patterns = [
    path("", user_views.users, name="users"),
    path("new", user_views.user_create, name="user_create"),
    path("<int:pk>/", user_views.user_edit, name="user_edit"),
    path("<int:pk>/act", user_views.user_act, name="user_act"),
    path("password", user_views.password_change, name="password_change"),
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
    path("accounts/", include((account_patterns, "accounts"))),
]
