"""Synthetic data for the benchmark, generated with bulk inserts.

``generate(size)`` brings the database to ``size`` actions, spread over twelve
district sub-plans and five themes (adding to what is there, with history rows
as the app would write them), plus twenty indicators with 36 months of values
for each district and countywide. ``pages(context)`` names the pages to time.
"""

import random
from datetime import date, timedelta

from django.contrib.auth.models import Group
from simple_history.utils import bulk_create_with_history

from actionplans.models import Action, Plan, ProgressUpdate, Theme
from bench import synthetic_inspections
from organisation import roles
from organisation.demo import load_districts
from organisation.models import District, User
from performance.models import Indicator, IndicatorValue

# Which user requests each page (default: the assistant director).
PAGE_USERS = {"admin_changelist": "admin", "inspection_admin_changelist": "admin"}
THEMES = [
    "Quality of Practice",
    "Effective Front Door",
    "Effective Early Help",
    "Improved Outcomes for Children in Need and those in need of protection",
    "Improved Outcomes for Children in Care",
]
STATUSES = [
    (Action.Status.NOT_STARTED, 10),
    (Action.Status.IN_PROGRESS, 55),
    (Action.Status.COMPLETE, 10),
    (Action.Status.BLOCKED, 5),
    (Action.Status.DEFERRED, 5),
    (Action.Status.CANCELLED, 3),
]


def _users() -> dict[str, User]:
    director, _ = User.objects.get_or_create(username="bench-director", defaults={"first_name": "Bench"})
    director.groups.set([Group.objects.get(name=roles.ASSISTANT_DIRECTOR)])
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Admin"}
    )
    return {"director": director, "admin": admin}


def _plan() -> tuple[Plan, list[Theme], dict[int, Plan]]:
    plan, _ = Plan.objects.get_or_create(
        parent=None,
        title="Synthetic improvement plan",
        defaults={"starts_on": date(2014, 4, 1), "ends_on": date(2016, 4, 30), "status": Plan.Status.AGREED},
    )
    themes = [
        Theme.objects.get_or_create(plan=plan, number=number, defaults={"title": title})[0]
        for number, title in enumerate(THEMES, start=1)
    ]
    sub_plans = {}
    for district in District.objects.all():
        sub_plans[district.pk], _ = Plan.objects.get_or_create(
            parent=plan,
            district=district,
            defaults={
                "title": f"{district.name} sub-plan",
                "starts_on": plan.starts_on,
                "ends_on": plan.ends_on,
                "status": Plan.Status.AGREED,
            },
        )
    return plan, themes, sub_plans


def _indicators(months: int = 36) -> None:
    if Indicator.objects.exists():
        return
    rng = random.Random(20)
    districts = [None, *District.objects.all()]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            reference=f"SYN{number:02}",
            name=f"Synthetic indicator {number}",
            unit=Indicator.Unit.PERCENT,
            polarity=Indicator.Polarity.HIGHER if number % 3 else Indicator.Polarity.LOWER,
            target=70 if number % 3 else 20,
            floor=60 if number % 3 else 30,
            illustrative=True,
        )
        for number in range(1, 21)
    )
    values = [
        IndicatorValue(
            indicator=indicator,
            district=district,
            period=date(2012 + month // 12, month % 12 + 1, 1),
            value=round(rng.uniform(10, 95), 1),
        )
        for indicator in indicators
        for district in districts
        for month in range(months)
    ]
    bulk_create_with_history(values, IndicatorValue, batch_size=2000)


def generate(size: int) -> dict:
    load_districts()
    users = _users()
    plan, themes, sub_plans = _plan()
    _indicators()
    synthetic_inspections.generate(size)
    existing = Action.objects.count()
    rng = random.Random(size)
    district_ids = list(sub_plans)
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    new_actions = []
    for number in range(existing, size):
        district_id = district_ids[number % len(district_ids)]
        starts_on = date(2014, 4, 1) + timedelta(days=rng.randrange(0, 300))
        status = rng.choice(statuses)
        new_actions.append(
            Action(
                plan=sub_plans[district_id],
                reference=f"S-{number}",
                title=f"Synthetic action {number}",
                description="Generated for the benchmark.",
                theme=themes[number % len(themes)],
                district_id=district_id,
                lead_officer_name=f"Officer {number % 97}",
                lead_officer_title="Service Manager",
                starts_on=starts_on,
                due_on=starts_on + timedelta(days=rng.randrange(30, 400)),
                status=status,
                progress=100 if status == Action.Status.COMPLETE else rng.randrange(0, 100),
            )
        )
    created = bulk_create_with_history(new_actions, Action, batch_size=2000)
    updates = [
        ProgressUpdate(
            action=action,
            dated=action.starts_on + timedelta(days=20),
            narrative="Progress as planned.",
            rag="green",
            progress=action.progress,
            author=users["director"],
        )
        for action in created[::5]
    ]
    bulk_create_with_history(updates, ProgressUpdate, batch_size=2000)
    return {"size": size, "users": users, "district": District.objects.order_by("name").first()}


def pages(context: dict) -> dict[str, str]:
    return {
        "baseline": "/baseline/",
        "action_list": "/plan/actions/",
        "admin_changelist": "/admin/actionplans/action/",
        "county_dashboard": "/",
        "district_dashboard": f"/districts/{context['district'].slug}/",
        "compare_districts": "/districts/compare/",
        "indicator_scorecard": "/indicators/",
        **synthetic_inspections.pages(),
    }
