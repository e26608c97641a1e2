from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from organisation.forms import ChangePasswordForm, ReminderSettingsForm, SignInForm


class InvalidFormIs400Mixin:
    """A form sent back with errors answers 400, so clients and tests can tell."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SignInView(InvalidFormIs400Mixin, auth_views.LoginView):
    http_method_names = ["get", "post", "head", "options"]
    form_class = SignInForm
    redirect_authenticated_user = True


class ChangePasswordView(InvalidFormIs400Mixin, auth_views.PasswordChangeView):
    http_method_names = ["get", "post", "head", "options"]
    form_class = ChangePasswordForm
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    districts = request.user.districts.all()
    form = ReminderSettingsForm(instance=request.user)
    return render(request, "organisation/profile.html", {"districts": districts, "form": form})


@require_POST
def reminder_settings(request: HttpRequest) -> HttpResponse:
    form = ReminderSettingsForm(request.POST, instance=request.user)
    form.save()  # a checkbox: every submission is valid
    wants = form.instance.receives_reminders
    messages.success(request, "You will get e-mail reminders." if wants else "You will not get e-mail reminders.")
    return redirect("profile")
