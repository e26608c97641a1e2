from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from organisation.forms import ChangePasswordForm, SignInForm
from organisation.models import District


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
    return render(request, "organisation/profile.html", {"districts": districts})


@require_GET
def district_list(request: HttpRequest) -> HttpResponse:
    districts = District.objects.annotate(people_count=Count("people"))
    return render(request, "organisation/district_list.html", {"districts": districts})


@require_GET
def district_detail(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(District, slug=slug)
    return render(request, "organisation/district_detail.html", {"district": district})
