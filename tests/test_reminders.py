import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplans.models import Action, ProgressUpdate
from organisation import roles
from reminders.models import ReminderSent
from tests.factories import make_action, make_update, make_user

TODAY = date(2014, 12, 1)  # a Monday


@pytest.fixture(autouse=True)
def pretend_today(settings):
    settings.AS_OF_DATE = TODAY
    settings.SITE_URL = "https://tracker.example.gov.uk"


@pytest.fixture
def lead(db):
    return make_user(roles.PROJECT_MANAGER, email="lead@example.org", first_name="Lee", last_name="Officer")


def send(**options):
    out = io.StringIO()
    call_command("send_reminders", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_a_lead_officer_hears_of_overdue_due_soon_and_stale_actions_in_one_e_mail(lead):
    make_action(lead_officer=lead, title="Audit case files", due_on=date(2014, 11, 20))
    make_action(lead_officer=lead, title="Hold workshops", due_on=date(2014, 12, 10), starts_on=date(2014, 11, 20))
    quiet = make_action(lead_officer=lead, title="Refresh the JSNA", starts_on=date(2014, 9, 1))
    make_update(quiet, lead, dated=date(2014, 10, 1))
    fresh = make_action(lead_officer=lead, title="Recently updated", starts_on=date(2014, 9, 1))
    make_update(fresh, lead, dated=date(2014, 11, 25))
    make_action(lead_officer=lead, title="Already done", due_on=date(2014, 11, 1), status=Action.Status.COMPLETE)
    send()
    [message] = mail.outbox
    assert message.to == ["lead@example.org"]
    assert message.subject == "Reminder: 3 actions need your attention"
    body = message.body
    assert "Overdue:\n- " in body and "Audit case files" in body
    assert "Due within 14 days:" in body and "Hold workshops" in body
    assert "No progress update for 30 days:" in body and "Refresh the JSNA" in body
    assert "Recently updated" not in body and "Already done" not in body
    assert "https://tracker.example.gov.uk/plan/actions/" in body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert '<a href="https://tracker.example.gov.uk/plan/actions/' in html


@pytest.mark.django_db
def test_never_twice_for_the_same_reason_on_the_same_day(lead):
    make_action(lead_officer=lead, due_on=date(2014, 11, 20))
    send()
    send()
    assert len(mail.outbox) == 1
    # A new reason the same day is sent, alone.
    make_action(lead_officer=lead, title="Newly overdue", due_on=date(2014, 11, 21))
    send()
    assert len(mail.outbox) == 2
    assert "Newly overdue" in mail.outbox[1].body
    assert mail.outbox[1].subject == "Reminder: 1 action needs your attention"
    assert ReminderSent.objects.filter(person=lead, sent_on=TODAY).count() == 2


@pytest.mark.django_db
def test_people_who_opted_out_or_have_no_address_get_nothing(lead):
    lead.receives_reminders = False
    lead.save()
    no_address = make_user(roles.PROJECT_MANAGER, email="")
    make_action(lead_officer=lead, due_on=date(2014, 11, 20))
    make_action(lead_officer=no_address, due_on=date(2014, 11, 20))
    send()
    assert mail.outbox == []


@pytest.mark.django_db
def test_directors_get_a_weekly_digest_on_the_digest_day(lead):
    director = make_user(roles.ASSISTANT_DIRECTOR, email="director@example.org")
    action = make_action(lead_officer=lead, status=Action.Status.COMPLETE, title="Ready for sign-off")
    make_update(action, lead, review_status=ProgressUpdate.ReviewStatus.AWAITING)
    send(digest_day="tuesday")
    assert [m.to for m in mail.outbox] == []  # lead has nothing due; not the digest day
    send(digest_day="monday")
    [digest] = mail.outbox
    assert digest.to == ["director@example.org"]
    assert digest.subject == "Weekly digest: what awaits your review"
    assert "Progress updates awaiting your review (1)" in digest.body
    assert "Ready for sign-off" in digest.body
    send(digest_day="monday")
    assert len(mail.outbox) == 1
    assert director.reminders_sent.get().reason == "digest:2014-W49"


@pytest.mark.django_db
def test_dry_run_sends_and_records_nothing(lead):
    make_action(lead_officer=lead, due_on=date(2014, 11, 20))
    output = send(dry_run=True)
    assert "lead@example.org: Reminder: 1 action needs your attention" in output
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


@pytest.mark.django_db
def test_a_future_day_is_refused():
    with pytest.raises(CommandError, match="cannot be in the future"):
        call_command("send_reminders", today=date(2015, 1, 1))


@pytest.mark.django_db
def test_a_person_opts_out_in_their_profile(pm_client, project_manager):
    page = pm_client.get("/account/").content.decode()
    assert "E-mail me reminders" in page
    assert pm_client.get("/account/reminders/").status_code == 405
    response = pm_client.post("/account/reminders/", {}, follow=True)
    assert "You will not get e-mail reminders." in response.content.decode()
    project_manager.refresh_from_db()
    assert project_manager.receives_reminders is False
    pm_client.post("/account/reminders/", {"receives_reminders": "on"})
    project_manager.refresh_from_db()
    assert project_manager.receives_reminders is True
