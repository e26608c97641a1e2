from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from improvement.forms import GDSFormMixin
from organisation.models import User


class SignInForm(GDSFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class ChangePasswordForm(GDSFormMixin, PasswordChangeForm):
    pass


class ReminderSettingsForm(GDSFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["receives_reminders"]
