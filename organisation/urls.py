from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from organisation import views

urlpatterns = [
    path("sign-in/", login_not_required(views.SignInView.as_view()), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views.profile, name="profile"),
    path("account/reminders/", views.reminder_settings, name="reminder_settings"),
    path("account/password/", views.ChangePasswordView.as_view(), name="password_change"),
]
