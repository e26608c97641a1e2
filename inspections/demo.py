"""Demo inspections and findings: everything in sections 1 to 3 of the December 2014 paper.

Text quoted from the paper is word for word, because committee papers are
generated from these records. The recommendations of the four Ofsted
inspections are not in the paper: they are illustrative, and say so.
"""

from datetime import date

from inspections.models import DatePrecision, Finding, Inspection, StatutoryClock
from inspections.workdays import add_working_days

ILLUSTRATIVE = (
    "The publication date and judgement are from the December 2014 committee paper. "
    "The inspection dates, the date the action plan was submitted and the recommendations below are illustrative."
)

K = Inspection.Kind
S = Inspection.Status
F = Finding.Kind
MONTH, YEAR = DatePrecision.MONTH, DatePrecision.YEAR

INSPECTIONS = [
    {
        "title": "Improvement Notice",
        "kind": K.INTERVENTION,
        "body": "Department for Education",
        "started_on": date(2011, 1, 1),
        "started_precision": YEAR,
        "ended_on": date(2013, 12, 1),
        "ended_precision": MONTH,
        "status": S.CLOSED,
        "summary": (
            "The 2011 Improvement Notice. The Children's Services Improvement Programme (CSIP) was designed to "
            "manage, and drive forward work-streams to address the issues highlighted by the 2011 Improvement "
            "Notice.\n\nAs a result of mutual agreement between the Department for Education (herein DfE), Liz "
            "Railton, Chair of the Safeguarding and Looked After Children Improvement Board (herein Improvement "
            "Board), and KCC; the Improvement Notice was lifted in December 2013."
        ),
        "findings": [],
    },
    {
        "title": "Fostering Services",
        "kind": K.FULL,
        "body": "Ofsted",
        "started_on": date(2012, 7, 1),
        "started_precision": MONTH,
        "published_on": date(2012, 7, 31),
        "status": S.PUBLISHED,
        "judgement": "adequate",
        "action_plan_required": True,
        "summary": ILLUSTRATIVE,
        "findings": [
            (
                F.RECOMMENDATION,
                "R1",
                "Ensure that foster carers receive timely supervisory visits and that these are recorded.",
            ),
            (
                F.RECOMMENDATION,
                "R2",
                "Improve the matching of children with foster carers so that placements are stable.",
            ),
            (F.RECOMMENDATION, "R3", "Ensure that annual reviews of foster carers are completed within timescales."),
        ],
    },
    {
        "title": "Children in need of help and protection (Safeguarding)",
        "kind": K.FULL,
        "body": "Ofsted",
        "started_on": date(2012, 12, 1),
        "started_precision": MONTH,
        "published_on": date(2013, 1, 15),
        "status": S.PUBLISHED,
        "judgement": "adequate",
        "action_plan_required": True,
        "summary": ILLUSTRATIVE,
        "findings": [
            (
                F.RECOMMENDATION,
                "R1",
                "Ensure that all assessments are completed within timescales and are of a consistently good quality.",
            ),
            (
                F.RECOMMENDATION,
                "R2",
                "Ensure that child protection plans are specific, measurable and focused on outcomes for the child.",
            ),
            (F.RECOMMENDATION, "R3", "Ensure that supervision of social workers is regular, reflective and recorded."),
        ],
    },
    {
        "title": "Adoption support services",
        "kind": K.FULL,
        "body": "Ofsted",
        "started_on": date(2013, 5, 1),
        "started_precision": MONTH,
        "published_on": date(2013, 6, 18),
        "status": S.PUBLISHED,
        "judgement": "adequate",
        "action_plan_required": True,
        "summary": ILLUSTRATIVE,
        "findings": [
            (
                F.RECOMMENDATION,
                "R1",
                "Reduce the time children wait between a decision that they should be adopted and being placed "
                "with their adoptive family.",
            ),
            (
                F.RECOMMENDATION,
                "R2",
                "Ensure that assessments of adoption support needs are completed for every family who asks.",
            ),
            (
                F.RECOMMENDATION,
                "R3",
                "Improve the information given to adopters about the support available after adoption.",
            ),
        ],
    },
    {
        "title": "Children in Care / Care Leavers",
        "kind": K.FULL,
        "body": "Ofsted",
        "started_on": date(2013, 7, 1),
        "started_precision": MONTH,
        "published_on": date(2013, 8, 23),
        "status": S.PUBLISHED,
        "judgement": "adequate",
        "action_plan_required": True,
        "summary": ILLUSTRATIVE,
        "findings": [
            (
                F.RECOMMENDATION,
                "R1",
                "Ensure that care plans and pathway plans are up to date and reflect the views of children and "
                "young people.",
            ),
            (F.RECOMMENDATION, "R2", "Improve the timeliness of health assessments for children in care."),
            (F.RECOMMENDATION, "R3", "Ensure that care leavers are supported into education, employment or training."),
        ],
    },
    {
        "title": "Improvement Notice Assurance Review",
        "kind": K.ASSURANCE,
        "body": "Liz Railton, independent Chair",
        "started_on": date(2014, 7, 1),
        "started_precision": MONTH,
        "ended_on": date(2014, 7, 1),
        "ended_precision": MONTH,
        "status": S.CLOSED,
        "summary": (
            "When the DfE lifted the Improvement Notice placed on KCC in 2011, it was agreed that the independent "
            "Chair of the Improvement Board, Liz Railton, would return in 2014 to review Kent's progress in "
            "relation to 'key enablers for practice improvement' and the achievement of better outcomes for "
            "children and young people. The review took place in July 2014, with the aim of affirming the work "
            "progressed since the Improvement Notice was lifted in December 2013.\n\n"
            "Overall, Liz Railton felt there was a “positive picture of an improvement journey that remains "
            "largely on track albeit with the continuing challenge of delivering good services across the large "
            "county of Kent.”"
        ),
        "findings": [
            (F.KEY_ENABLER, "KE1", "Recruitment and retention of qualified social workers"),
            (F.KEY_ENABLER, "KE2", "Learning and development opportunities"),
            (F.KEY_ENABLER, "KE3", "Quality assurance and performance management"),
            (F.KEY_ENABLER, "KE4", "Implementation of a new information system for children's social care (Liberi)"),
            (
                F.KEY_ENABLER,
                "KE5",
                "Multi-agency contributions, particularly Early Help and Child and Adolescent Mental Health "
                "Services (CAMHS)",
            ),
            (
                F.KEY_ENABLER,
                "KE6",
                "Implementation of Kent Safeguarding Children Board's 2013\\14 business plans, particularly quality "
                "assurance and performance management across agencies",
            ),
            (
                F.KEY_ENABLER,
                "KE7",
                "Effective and timely planning for and achievement of permanent families for children in care (CiC)",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD1",
                "Ensuring supervision continues to develop as a reflective activity, and does not become overly task "
                "focused or lacking in analysis",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD2",
                "Recruitment and retention of experienced social work qualified staff, to complement the successful "
                "recruitment programmes for NQSWs.",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD3",
                "The timeliness, responsiveness and accessibility of CAMHS assessments and treatments.",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD4",
                "Further incorporation and integration of adoption processes into Liberi. It was also noted that more "
                "broadly, further adjustments are required in order for the service and front-line staff to utilise "
                "the full potential of the Liberi system.",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD5",
                "Further developing the range and volume of post adoption support services.",
            ),
        ],
    },
    {
        "title": "Review of Kent Adoption Services' improvement journey",
        "kind": K.ASSURANCE,
        "body": "Jonathan Pearce",
        "started_on": date(2014, 7, 1),
        "started_precision": MONTH,
        "ended_on": date(2014, 7, 1),
        "ended_precision": MONTH,
        "status": S.CLOSED,
        "summary": (
            "As part of this process, Jonathan Pearce (previous Chair of the Adoption Sub-Group) also conducted a "
            "review of Kent Adoption Services' improvement journey."
        ),
        "findings": [],
    },
    {
        "title": "Annex A Peer Review",
        "kind": K.PEER_REVIEW,
        "body": "West Sussex County Council (SESLIP)",
        "started_on": date(2014, 10, 1),
        "started_precision": MONTH,
        "ended_on": date(2014, 10, 1),
        "ended_precision": MONTH,
        "status": S.CLOSED,
        "summary": (
            "KCC joined a self-evaluation and Peer Review of Ofsted Annex A preparations in October 2014. Annex A "
            "is the documented performance information required to support the lead Inspector to understand the "
            "work of the local authority. Annex A comprises of some twenty two specific numerical data requests, "
            "and thirty written pieces of evidence.\n\n"
            "The Peer Review was run by the South East Region Sector Led Improvement Programme (SESLIP). "
            "West Sussex led Kent's review."
        ),
        "findings": [
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD1",
                "The Joint Strategic Needs Assessment is currently being refreshed; this work is due to be complete "
                "by December 2014. SCS, Children's Commissioning and Public Health are working together to ensure "
                "the update is child-focussed and covers all necessary areas of need.",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD2",
                "The CAMHS strategy scope has been widened to focus on Emotional Health and Wellbeing. This strategy "
                "is currently out to consultation;",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD3",
                "The Sufficiency Strategy is currently under review as a result of the Council's collaborative 0-25 "
                "Unified Programme work with Newton Europe",
            ),
            (
                F.AREA_FOR_DEVELOPMENT,
                "AFD4",
                "Multi-agency audits are due to be completed by the KSCB (Kent Safeguarding Children Board) by late "
                "2014/ early 2015",
            ),
        ],
    },
    {
        "title": "Thematic Inspection of Child Sexual Exploitation (CSE)",
        "kind": K.THEMATIC,
        "body": "Ofsted",
        "started_on": date(2014, 10, 13),
        "ended_on": date(2014, 10, 17),
        "publication_expected": "November 2014",
        "expected_report": "joint national report",
        "status": S.AWAITING_REPORT,
        "summary": (
            "Kent's CSE Thematic Inspection took place between 13 and-17 October. This was a targeted one week "
            "inspection, and not the full four week inspection under the Single Inspection Framework. As a "
            "result, there will not be a Kent-specific inspection report published.\n\n"
            "Feedback was issued by Her Majesty's Inspectors verbally to senior managers, Friday 17 October."
        ),
        "findings": [
            (
                F.KEY_OBSERVATION,
                "KO1",
                "In the 18 cases that were tracked, the interventions brought about improvements for the child.",
            ),
            (
                F.KEY_OBSERVATION,
                "KO2",
                "Ofsted Inspectors praised the quality of Kent and Medway Safeguarding Children Boards' CSE Risk "
                "Assessment Toolkit, Sexual Exploitation Procedures and CSE Strategy; although noted their "
                "utilisation in front-line practice was not always as evident as it could be.",
            ),
            (
                F.KEY_OBSERVATION,
                "KO3",
                "There continue to be variances in practice across the County. This echoes the findings of Liz "
                "Railton's Assurance Review, that there continue to be challenges in delivering consistent services "
                "across a county the size of Kent.",
            ),
            (
                F.KEY_OBSERVATION,
                "KO4",
                "Although return interviews are happening, this practice is not always routine and the quality of "
                "the interviews is inconsistent. At the moment there is also not a mechanism to analyse this "
                "activity across the county.",
            ),
            (
                F.KEY_OBSERVATION,
                "KO5",
                "Ofsted were pleased that Kent had a CSE and Trafficking sub-group in place; however felt that the "
                "progress of the group would be further assisted by a detailed work plan. The Ofsted Inspectors also "
                "felt a detailed self-assessment of the partnership's collective CSE activity; both preventative and "
                "reactive would be beneficial to ensure efforts are joined up on a strategic level.",
            ),
            (
                F.KEY_OBSERVATION,
                "KO6",
                "Ofsted were particularly impressed by the coordinated joint investigation with the Police that took "
                "place earlier on this year as part of Operation Lakeland. They have indicated an interest in using "
                "this work as a good practice template once criminal proceedings are concluded.",
            ),
        ],
    },
    {
        "title": "SESLIP Peer Challenge of the Kent Safeguarding Children Board",
        "kind": K.PEER_REVIEW,
        "body": "SESLIP",
        "started_on": date(2014, 12, 1),
        "started_precision": MONTH,
        "status": S.SCHEDULED,
        "summary": (
            "Issues identified which pertain to the Kent Safeguarding Children's Board (KSCB) will receive "
            "additional scrutiny from a further SESLIP Peer Challenge review due to be conducted in December 2014."
        ),
        "findings": [],
    },
]


def _upsert(model, lookup: dict, values: dict) -> tuple[object, bool]:
    """Create the object, or bring it up to date; saves only on a real change, so history stays quiet."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, False


def load() -> dict[str, int]:
    counts = {"inspections": 0, "findings": 0, "statutory clocks": 0}
    _, created = StatutoryClock.objects.get_or_create(kind=Inspection.Kind.FULL, defaults={"working_days": 70})
    counts["statutory clocks"] += created
    for spec in INSPECTIONS:
        values = dict(spec)
        findings = values.pop("findings")
        lookup = {"title": values.pop("title")}
        if values.get("action_plan_required"):
            # The paper says action plans were put in place after each inspection; the day is illustrative.
            values["action_plan_submitted_on"] = add_working_days(values["published_on"], 60)
        inspection, created = _upsert(Inspection, lookup, values)
        counts["inspections"] += created
        for position, (kind, reference, text) in enumerate(findings):
            _, created = _upsert(
                Finding,
                {"inspection": inspection, "reference": reference},
                {"kind": kind, "text": text, "position": position},
            )
            counts["findings"] += created
    return counts
