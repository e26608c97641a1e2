"""The demo improvement plan: Kent's Children's Services Improvement Plan April 2014 – April 2016.

The countywide plan and its five themes are as the seed paper (section 4) gives
them; the actions, district sub-plans and progress updates are illustrative, and
made to differ between districts as the seed says they do. Safe to run again:
everything is found or created on its natural key and never changed after.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from actionplans import rag
from actionplans.models import Action, Plan, ProgressUpdate, Theme
from inspections.models import Finding
from organisation.models import District, User

THEMES = [
    "Quality of Practice",
    "Effective Front Door",
    "Effective Early Help",
    "Improved Outcomes for Children in Need and those in need of protection",
    "Improved Outcomes for Children in Care",
]

# reference, theme, title, lead officer, job title, start, due, progress at 1 December 2014, status,
# and words that identify the findings it answers (looked up if the inspections demo loaded them).
COUNTYWIDE_ACTIONS = [
    ("1.1", 1, "Embed a single practice framework and supervision standard in every district team",
     "Patricia Denney", "Assistant Director for Safeguarding and Quality Assurance",
     date(2014, 9, 1), date(2015, 9, 30), 35, "in_progress", ["variances in practice", "consistency of practice"]),
    ("1.2", 1, "Run monthly case file audits and feed the learning back to teams",
     "Helen Fraser", "Head of Quality Assurance", date(2014, 5, 1), date(2015, 3, 31), 70, "in_progress",
     ["audit"]),
    ("1.3", 1, "Recruit and keep permanent social workers, reducing reliance on agency staff",
     "Mark Collins", "Head of Workforce Development", date(2014, 4, 1), date(2016, 3, 31), 30, "in_progress",
     ["workforce", "agency"]),
    ("2.1", 2, "Make the Central Duty Team's thresholds consistent with the Kent Safeguarding Children Board's",
     "Stuart Collins", "Head of Central Referral Unit", date(2014, 6, 1), date(2014, 12, 31), 80, "in_progress",
     ["threshold", "front door", "referral"]),
    ("2.2", 2, "Cut re-referrals within twelve months to below the statistical neighbour average",
     "Stuart Collins", "Head of Central Referral Unit", date(2014, 4, 1), date(2015, 6, 30), 40, "in_progress",
     ["re-referral"]),
    ("3.1", 3, "Agree and use a step-down protocol between specialist and early help services",
     "Florence Kroll", "Director of Early Help and Preventative Services", date(2014, 9, 1), date(2015, 3, 31),
     20, "in_progress", ["early help", "step-down"]),
    ("3.2", 3, "Extend the Troubled Families programme to every district",
     "Florence Kroll", "Director of Early Help and Preventative Services", date(2014, 4, 1), date(2014, 10, 31),
     100, "complete", ["troubled families"]),
    ("4.1", 4, "Make every child protection plan specific, measurable and reviewed on time",
     "Sarah Hammond", "Head of Safeguarding", date(2014, 4, 1), date(2015, 3, 31), 55, "in_progress",
     ["child protection plan", "protection plans"]),
    ("4.2", 4, "Use the CSE Risk Assessment Toolkit in every front-line assessment of a child at risk",
     "Sarah Hammond", "Head of Safeguarding", date(2014, 10, 20), date(2015, 4, 30), 15, "in_progress",
     ["Risk Assessment Toolkit", "front-line practice"]),
    ("4.3", 4, "Hold return interviews for every child who goes missing, and analyse them across Kent",
     "Philip Segurola", "Head of Specialist Services", date(2014, 10, 20), date(2015, 1, 31), 10, "not_started",
     ["return interviews"]),
    ("4.4", 4, "Give the CSE and Trafficking sub-group a detailed work plan and a partnership self-assessment",
     "Philip Segurola", "Head of Specialist Services", date(2014, 10, 20), date(2014, 11, 28), 60, "in_progress",
     ["work plan", "self-assessment"]),
    ("5.1", 5, "Complete children in care's health assessments within statutory timescales",
     "Karen Sharp", "Head of Children in Care", date(2014, 4, 1), date(2015, 3, 31), 75, "in_progress",
     ["health assessment"]),
    ("5.2", 5, "Improve placement stability for children in care",
     "Karen Sharp", "Head of Children in Care", date(2014, 4, 1), date(2016, 3, 31), 25, "in_progress",
     ["placement stability", "placement"]),
    ("5.3", 5, "Make every pathway plan for a care leaver current and written with the young person",
     "Karen Sharp", "Head of Children in Care", date(2014, 6, 1), date(2014, 11, 30), 85, "blocked",
     ["pathway plan", "care leaver"]),
]  # fmt: skip

# District action templates: (theme, contributes to, title, months from 1 September 2014 to due).
DISTRICT_ACTIONS = [
    (1, "1.1", "Hold monthly practice workshops for every team in the district", 6),
    (1, "1.2", "Audit ten case files a month and report the learning to the district management team", 3),
    (2, "2.1", "Agree threshold decisions with local schools and health visitors", 2),
    (3, "3.1", "Step down cases to early help through a weekly joint panel", 4),
    (4, "4.3", "Offer a return interview within 72 hours to every child who goes missing", 3),
    (4, "4.1", "Review every child protection plan older than nine months", 5),
    (5, "5.1", "Book health assessments at the first statutory visit", 4),
]

# How each district is doing: (share of expected progress made, chance-free pattern of trouble).
# Above 1 runs ahead; below 1 behind. "trouble" marks which of the district actions slipped.
DISTRICT_PROFILES = {
    "Ashford": (1.05, {}),
    "Canterbury": (0.8, {4: "revised"}),
    "Dartford": (1.1, {}),
    "Dover": (0.55, {1: "overdue", 2: "overdue", 4: "overdue", 5: "blocked"}),
    "Gravesham": (0.9, {2: "revised"}),
    "Maidstone": (1.0, {}),
    "Sevenoaks": (1.15, {}),
    "Shepway": (0.6, {1: "overdue", 4: "overdue", 6: "override"}),
    "Swale": (0.65, {2: "overdue", 4: "overdue", 5: "blocked"}),
    "Thanet": (0.45, {1: "overdue", 2: "overdue", 4: "overdue", 5: "overdue", 6: "blocked"}),
    "Tonbridge and Malling": (1.0, {3: "complete"}),
    "Tunbridge Wells": (1.1, {3: "signed_off"}),
}

# Illustrative names for each district's lead (not real people).
DISTRICT_MANAGERS = {
    "Ashford": "Priya Mehta",
    "Canterbury": "Priya Mehta",
    "Dartford": "Gareth Owen",
    "Dover": "Lucy Barnes",
    "Gravesham": "Daniel Price",
    "Maidstone": "Fiona Walsh",
    "Sevenoaks": "Ian Murray",
    "Shepway": "Rachel Green",
    "Swale": "Sam Okoro",
    "Thanet": "Claire Dunn",
    "Tonbridge and Malling": "Mark Ellis",
    "Tunbridge Wells": "Hannah Pike",
}

AS_AT = date(2014, 12, 1)
UPDATE_DATES = [date(2014, 9, 30), date(2014, 10, 31), date(2014, 11, 28)]


def _months_after(start: date, months: int) -> date:
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _expected(start: date, due: date, on: date) -> int:
    if on <= start:
        return 0
    if on >= due:
        return 100
    return round(100 * (on - start).days / (due - start).days)


def _link_findings(action: Action, words: list[str]) -> int:
    if action.findings.exists():
        return 0
    found = [
        finding.pk
        for word in words
        for finding in Finding.objects.filter(text__icontains=word).exclude(kind=Finding.Kind.STRENGTH)
    ]
    action.findings.set(set(found))
    return len(set(found))


def _updates(action: Action, author: User, reviewer: User, progress_now: int) -> int:
    """Monthly updates through autumn 2014: older ones reviewed, the newest awaiting review."""
    created = 0
    dates = [d for d in UPDATE_DATES if d >= action.starts_on]
    for index, dated in enumerate(dates):
        share = (index + 1) / len(dates)
        progress = round(progress_now * share)
        latest = index == len(dates) - 1
        returned = not latest and progress < _expected(action.starts_on, action.due, dated) - 25
        defaults = {
            "narrative": (
                f"Progress against ‘{action.title}’: {progress}% complete. "
                + (
                    "Work is behind plan: team capacity remains the main obstacle."
                    if returned
                    else "Work is going to plan; teams are engaged."
                )
            ),
            "rag": (action.rag_override or rag.suggest(action, dated).value)
            if latest
            else ("red" if returned else "green"),
            "progress": progress,
            "next_steps": "Report to the district management team next month.",
            "risks": "Staff turnover in the assessment teams." if returned else "",
            "author": author,
        }
        if not latest:
            defaults |= {
                "review_status": ProgressUpdate.ReviewStatus.RETURNED
                if returned
                else ProgressUpdate.ReviewStatus.SIGNED_OFF,
                "review_comments": "Please set out a recovery plan with dates." if returned else "",
                "reviewer": reviewer,
                "reviewed_at": timezone.make_aware(datetime.combine(dated + timedelta(days=7), time(10))),
            }
        _, was_created = ProgressUpdate.objects.get_or_create(action=action, dated=dated, defaults=defaults)
        created += was_created
    return created


def load() -> dict[str, int]:
    counts = {"plans": 0, "themes": 0, "actions": 0, "finding links": 0, "progress updates": 0}
    director = User.objects.filter(username="director").first()
    county_pm = User.objects.filter(username="countypm").first()
    district_pm = User.objects.filter(username="pm").first()
    if not (director and county_pm and district_pm):
        raise RuntimeError("Load organisation.demo first: the plan's demo needs its people.")

    plan, created = Plan.objects.get_or_create(
        title="Children's Services Improvement Plan April 2014 – April 2016",
        parent=None,
        defaults={
            "starts_on": date(2014, 4, 1),
            "ends_on": date(2016, 4, 30),
            "agreed_by": "SCS DivMT",
            "agreed_on": date(2014, 8, 1),
            "status": Plan.Status.AGREED,
        },
    )
    counts["plans"] += created
    themes = {}
    for number, title in enumerate(THEMES, start=1):
        themes[number], created = Theme.objects.get_or_create(plan=plan, number=number, defaults={"title": title})
        counts["themes"] += created

    countywide = {}
    for ref, theme, title, lead, job, start, due, progress, status, words in COUNTYWIDE_ACTIONS:
        action, created = Action.objects.get_or_create(
            plan=plan,
            reference=ref,
            defaults={
                "theme": themes[theme],
                "title": title,
                "lead_officer_name": lead,
                "lead_officer_title": job,
                "starts_on": start,
                "due_on": due,
                "status": status,
                "progress": progress,
                "success_measure": "Shown in the monthly performance scorecard and the case file audit results.",
            },
        )
        countywide[ref] = action
        counts["actions"] += created
        counts["finding links"] += _link_findings(action, words)
        counts["progress updates"] += _updates(action, county_pm, director, progress)

    for district in District.objects.all():
        ratio, trouble = DISTRICT_PROFILES.get(district.name, (1.0, {}))
        sub_plan, created = Plan.objects.get_or_create(
            parent=plan,
            district=district,
            defaults={
                "title": f"{district.name} District Improvement Plan",
                "starts_on": date(2014, 9, 1),
                "ends_on": date(2016, 3, 31),
                "agreed_by": f"{district.name} District Management Team",
                "agreed_on": date(2014, 9, 15),
                "status": Plan.Status.AGREED,
            },
        )
        counts["plans"] += created
        prefix = district.name.replace(" and ", " ").replace(" ", "")[:3].upper()
        author = district_pm if district.name in {"Ashford", "Canterbury"} else county_pm
        for index, (theme, contributes, title, months) in enumerate(DISTRICT_ACTIONS):
            start = date(2014, 9, 1)
            due = _months_after(start, months)
            kind = trouble.get(index)
            if kind == "overdue":
                due = date(2014, 11, 14)
            expected = _expected(start, due, AS_AT)
            progress = min(100, round(expected * ratio))
            fields = {
                "theme": themes[theme],
                "district": district,
                "title": title,
                "lead_officer_name": DISTRICT_MANAGERS.get(district.name, f"{district.name} District Manager"),
                "lead_officer_title": f"District Manager ({district.name}), Specialist Children's Services",
                "starts_on": start,
                "due_on": due,
                "status": "in_progress" if progress else "not_started",
                "progress": progress,
                "contributes_to": countywide[contributes],
                "success_measure": "Measured in the district's monthly performance report.",
            }
            if kind is None and due < AS_AT and ratio >= 1:
                # Districts running to plan finished what fell due, and most of it is signed off.
                kind = "signed_off" if index % 3 else "complete"
            if kind == "overdue":
                fields["progress"] = min(fields["progress"], 70)
            elif kind == "blocked":
                fields["status"] = "blocked"
            elif kind == "revised":
                fields |= {
                    "revised_due_on": _months_after(start, months + 3),
                    "revision_reason": "Two team managers left in October; the district management team agreed a "
                    "later date.",
                }
            elif kind == "override":
                fields |= {
                    "rag_override": "amber",
                    "rag_override_reason": "Behind on paper, but a new team is in post and clearing the backlog.",
                }
            elif kind in {"complete", "signed_off"}:
                fields |= {"status": kind, "progress": 100}
                if kind == "signed_off":
                    fields |= {
                        "signed_off_by": director,
                        "signed_off_at": timezone.make_aware(datetime(2014, 11, 20, 11)),
                        "sign_off_note": "Audit of November referrals shows every decision recorded against "
                        "the agreed thresholds.",
                    }
            if district.name in {"Ashford", "Canterbury"}:
                fields["lead_officer"] = district_pm
            action, created = Action.objects.get_or_create(
                plan=sub_plan, reference=f"{prefix}-{index + 1}", defaults=fields
            )
            counts["actions"] += created
            counts["progress updates"] += _updates(action, author, director, action.progress)
    return counts
