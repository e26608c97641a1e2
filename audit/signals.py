from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import AuditEvent, record


@receiver(user_logged_in, dispatch_uid="audit.sign_in")
def on_sign_in(sender, request, user, **kwargs):
    record(request, AuditEvent.Kind.SIGN_IN, f"{user.get_username()} signed in", user=user)


@receiver(user_login_failed, dispatch_uid="audit.sign_in_failed")
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Credentials are cleansed by Django; only the username is kept, never the password.
    username = str(credentials.get("username", ""))[:150]
    record(request, AuditEvent.Kind.SIGN_IN_FAILED, f"Failed sign-in as {username or '(blank)'}", username=username)


@receiver(user_logged_out, dispatch_uid="audit.sign_out")
def on_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, AuditEvent.Kind.SIGN_OUT, f"{user.get_username()} signed out", user=user)
