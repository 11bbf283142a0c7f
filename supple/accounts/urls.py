from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from supple.accounts import views
from supple.accounts.forms import LoginForm, NewPasswordForm, ResetForm

app_name = "accounts"

# Django's own views for logging in and out and for the reset-by-email steps, with our templates.
login = views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
)
password_reset = views.PasswordResetView.as_view(
    form_class=ResetForm,
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    extra_email_context={"site_root": settings.SITE_ROOT.rstrip("/")},
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=NewPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", login, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.account_settings, name="settings"),
    path("password/", views.password_change, name="password_change"),
    path("email/", views.email_change, name="email_change"),
    path("reset/", password_reset, name="password_reset"),
    path("reset/sent/", password_reset_done, name="password_reset_done"),
    path("reset/done/", password_reset_complete, name="password_reset_complete"),
    path("reset/<uidb64>/<token>/", password_reset_confirm, name="password_reset_confirm"),
    path("export.json", views.export_json, name="export_json"),
    path("export.zip", views.export_csv, name="export_csv"),
    path("delete/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
