"""The demo committee paper: the December 2014 update to the Children's Social Care and Health
Cabinet Committee, reproduced from the demo data.

Prose is typed as paragraph blocks; the lists that come from the tracker (the inspection
history of 1.5, the key enablers and areas for development of 2.1, the Annex A areas of
2.2, the observations of 3.5 and the themes of 4.2) are data blocks. Inspections are found
by title; a block whose inspection is not there says so, and running the loader again
after the inspections are loaded points it at them.
"""

from datetime import date

from django.db import models

from inspections.models import Finding, Inspection
from reports.models import Block, Committee, Paper, Section

COMMITTEE = "Children's Social Care and Health Cabinet Committee"
MEETING_DATE = date(2014, 12, 3)
SUBJECT = "Action Plans arising from Ofsted inspection"

# The titles the inspections demo data uses for the reviews this paper quotes.
ASSURANCE_REVIEW = "Improvement Notice Assurance Review"
ANNEX_A_PEER_REVIEW = "Annex A Peer Review"
CSE_THEMATIC = "Thematic Inspection of Child Sexual Exploitation (CSE)"
# Key enablers are recorded as their own kind of finding where the inspections app has one.
KEY_ENABLER_KIND = getattr(Finding.Kind, "KEY_ENABLER", "key_enabler")

HEADER = {
    "presented_by": "Peter Oakford, Cabinet Member for Specialist Children's Services\n"
    "Andrew Ireland, Corporate Director of Social Care, Health and Wellbeing",
    "classification": Paper.Classification.UNRESTRICTED,
    "previous_pathway": "Children's Services Improvement Programme",
    "electoral_division": "All",
    "summary": "This report provides Children's Social Care and Health Cabinet Committee with an update on progress "
    "regarding the 'improvement journey' of Kent's services for children and young people, encompassing the "
    "collective efforts of both Specialist Children's Services, and Early Help and Preventative Services.",
    "recommendations": "Members are asked to **NOTE** the progress that has been made since the last report.",
    "contact_name": "Patricia Denney",
    "contact_role": "Assistant Director for Safeguarding and Quality Assurance, Specialist Children's Services",
    "contact_email": "Patricia.Denney@kent.gov.uk",
    "contact_telephone": "01622 694925",
    "author_name": "Emily Perkins",
    "author_role": "Project Manager, Specialist Children's Services",
    "author_email": "Emily.Perkins@kent.gov.uk",
    "author_telephone": "01622 221180",
    "background_documents": "Children's Services Improvement Plan April 2014-April 2016",
}


def findings_of(title: str, kind: str, style: str = "bullets") -> tuple[str, dict]:
    return ("findings", {"inspection_title": title, "kind": kind, "style": style})


# (heading, level, numbered, blocks); a block is typed text or (kind, options).
SECTIONS = [
    (
        "Introduction",
        1,
        True,
        [
            "This is the eighth regular report to Cabinet Committee on progress made in improving practice and "
            "performance in services provided to children and young people in Kent. The last report of this nature, "
            "was December 2013, and outlined progress to that date.",
            "These reports previously had a specific focus on the Children's Services Improvement Programme (CSIP); "
            "a programme designed to manage, and drive forward work-streams to address the issues highlighted by the "
            "2011 Improvement Notice.",
            "As a result of mutual agreement between the Department for Education (herein DfE), Liz Railton, Chair of "
            "the Safeguarding and Looked After Children Improvement Board (herein Improvement Board), and KCC; the "
            "Improvement Notice was lifted in December 2013.",
            "Children's Services remain committed to improving the quality of outcomes for children, young people and "
            "their families. One of the top 3 priorities for Specialist Children's Services remains \"Continue to "
            'improve the quality of social work practice; keeping all children and young people safe." (Social Care '
            "Health and Wellbeing Directorate Strategic Priorities Statement 2014-15).",
            "Since 2012, KCC Specialist Children's Services have undergone five further Ofsted inspections:",
            ("inspection_history", {"kinds": [Inspection.Kind.FULL, Inspection.Kind.THEMATIC], "since": "2012-01-01"}),
            "Action plans were put in place to respond to each of the priorities recommended by Ofsted for further "
            "development, after each inspection.",
            "In order to robustly monitor and quality assure the improvements being made against these actions, "
            "regular updates on progress with the Ofsted Inspection Action Plans have been submitted to the Corporate "
            "Parenting Panel, the Children's Services Improvement Panel, and Kent Integrated Children's Services "
            "Board.",
            "It is clear Kent remains on an 'improvement journey', and there is work still to be done if we are to "
            'meet the collective aspiration to achieve a "good" Ofsted rating.',
            "This report replaces the former CSIP update to Cabinet, but retains the focus on the Children's Services "
            "improvement journey as a whole. This report acts as a broad position statement - setting out where we "
            "believe the service to be, the progress made since December 2013, and the direction of travel looking "
            "forward to 2015.",
        ],
    ),
    ("Key Developments", 1, True, []),
    (
        "The Improvement Notice Assurance Review",
        2,
        False,
        [
            "When the DfE lifted the Improvement Notice placed on KCC in 2011, it was agreed that the independent "
            "Chair of the Improvement Board, Liz Railton, would return in 2014 to review Kent's progress in relation "
            "to 'key enablers for practice improvement' and the achievement of better outcomes for children and young "
            "people. The review took place in July 2014, with the aim of affirming the work progressed since the "
            "Improvement Notice was lifted in December 2013.",
            "As part of this process, Jonathan Pearce (previous Chair of the Adoption Sub-Group) also conducted a "
            "review of Kent Adoption Services' improvement journey.",
            "The key enablers subject to review were:",
            findings_of(ASSURANCE_REVIEW, KEY_ENABLER_KIND, "numbers"),
            "This review set out to answer the question:",
            "*“Has the work intended to improve the quality of Safeguarding and Children in Care Services across Kent "
            "continued according to plan and what evidence has KCC and KSCB been able to assemble about the impact so "
            "far of their plans for improvement?”*",
            "Overall, Liz Railton felt there was a “positive picture of an improvement journey that remains largely on "
            "track albeit with the continuing challenge of delivering good services across the large county of Kent.”",
            "Over 55 documents were submitted in total. The breadth of KCC's submitted evidence, demonstrated the "
            "strong focus by elected Members and officers on sustaining the level of progress made to date. It was "
            "clear from the interviews conducted with senior managers and focus groups of front-line staff that there "
            "has been any let-up in the pace of activity. Scrutiny and challenge of practice and performance is "
            "clearly embedded into business-as-usual activity.",
            "One of Kent's primary strong points was the strength of our self-assessment, and that we 'know our own "
            "story'. Particularly positive progress was highlighted in the Adoption Service, recruitment and training "
            "of Newly Qualified Social Workers (NQSWs), the Virtual School Kent, and in the embedding of quality "
            "assurance measures.",
            "Areas for further development were identified as:",
            findings_of(ASSURANCE_REVIEW, Finding.Kind.AREA_FOR_DEVELOPMENT),
            "It was recognised by the Improvement Notice Assurance Review that KCC is taking appropriate steps to "
            "address these issues.",
        ],
    ),
    (
        "Annex A Peer Review",
        2,
        False,
        [
            "KCC joined a self-evaluation and Peer Review of Ofsted Annex A preparations in October 2014. Annex A is "
            "the documented performance information required to support the lead Inspector to understand the work of "
            "the local authority. Annex A comprises of some twenty two specific numerical data requests, and thirty "
            "written pieces of evidence.",
            "The Peer Review was run by the South East Region Sector Led Improvement Programme (SESLIP). This is a "
            "forum of local authorities from across the south east, with a work programme based on data "
            "bench-marking, action-learning, peer challenge, self-assessment and appraisal. SESLIP, alongside the "
            "Local Government Association (LGA) and Solace work to achieve a coherent and consistent self-improving "
            "system for Children's Services. West Sussex led Kent's review.",
            "An 'Annex A' key findings self- assessment report was submitted to West Sussex's Peer Review team. The "
            "document provided a useful position statement. Any areas of Annex A which were under development were "
            "highlighted within this report, with an accompanying narrative of why this work was in the process of "
            "receiving further, targeted attention:",
            findings_of(ANNEX_A_PEER_REVIEW, Finding.Kind.AREA_FOR_DEVELOPMENT, "numbers"),
            "The Peer Review was an extremely valuable activity for Kent, allowing the opportunity to benchmark our "
            "performance against that of other local authorities. The review raised a number of minor data quality "
            "and data reporting issues; as a result these have been amended and resolved.",
        ],
    ),
    (
        "Ofsted Thematic Inspection of Child Sexual Exploitation (CSE)",
        1,
        True,
        [
            "Following on from the recent report by Alexis Jay OBE into Child Sexual Exploitation in Rotherham "
            "between September and October 2014, Ofsted also conducted eight thematic inspections of how Local "
            "Authorities are tackling Child Sexual Exploitation (CSE).",
            "Rotherham, Rochdale, Bristol, Luton, Oldham, Camden and Brent as well as Kent, were all inspected.",
            "Kent's CSE Thematic Inspection took place between 13 and-17 October. This was a targeted one week "
            "inspection, and not the full four week inspection under the Single Inspection Framework. As a result, "
            "there will not be a Kent-specific inspection report published.",
            "Evidence collated from all eight enquires will form the basis of a single published report, highlighting "
            "best practice and areas which, nationally, local authorities need to improve upon in order to keep "
            "children safe.",
            "Feedback was issued by Her Majesty's Inspectors verbally to senior managers, Friday 17 October. Key "
            "observations were:",
            findings_of(CSE_THEMATIC, Finding.Kind.KEY_OBSERVATION),
            "Issues identified which pertain to the Kent Safeguarding Children's Board (KSCB) will receive additional "
            "scrutiny from a further SESLIP Peer Challenge review due to be conducted in December 2014.",
        ],
    ),
    (
        "Children's Services Improvement Plan April 2014-April 2016",
        1,
        True,
        [
            "Outstanding recommendations from all five Ofsted inspections, learning from our own quality assurance "
            "processes, and actions arising from recent audit activity have been collated into a single Children's "
            "Services Improvement Plan. This plan was agreed by SCSDivMT in August 2014, and as a result, there has "
            "been a renewed cross-directorate focus on this work.",
            "The plan is based around five key themes:",
            ("plan_themes", {}),
            "In line with Kent's challenges around consistency of practice, different districts face different "
            "challenges. This is the result of a variety of factors: variances in demographic need, localised "
            "variances in process, staffing challenges, management changes, and relationships with partner agencies/ "
            "providers.",
            "This Improvement plan has been shared internally. Individual districts have since begun to formulate "
            "their own localised plan to target areas which require further attention. This continues to be assisted "
            "by the increasing breadth of management information available from Liberi.",
            "There is a strong focus throughout the Improvement Plan on quality, and consistency. There is excellent "
            "work happening within Specialist Children's Services, however challenge remains in ensuring local "
            "innovation and expertise is shared across Kent's considerable expanse..",
            "The Children's Services Improvement Plan is closely aligned to the Transformation Agenda (0-25 Unified "
            "Programme), and the current partnership work with Newton Europe. In reducing back office processes, and "
            "streamlining service delivery, it is hoped this will create a more flexible service, enabling "
            "practitioners to have more contact time with children and families.",
        ],
    ),
    ("Legal Implications", 1, True, ["There are no legal implications."]),
    ("Financial Implications", 1, True, ["There are no financial implications."]),
    (
        "Conclusion",
        1,
        True,
        [
            "General progress has continued to be made since the lifting of the Improvement Notice and the majority "
            "of the targets and performance indicators as agreed by Cabinet are being met. However, there are some "
            "areas where progress is proving to be more challenging and identified shortfalls are being urgently "
            "addressed in expectation of Ofsted's return.",
            "Experience from the recent thematic inspection has shown that the benchmark applied by Ofsted has been "
            "raised with any practice falling short of good viewed as requiring improvement. In line with this we "
            "are striving to develop a culture of aspiration that is intolerant of poor practice and entirely focused "
            "on the consistent attainment of good practice standards.",
        ],
    ),
]


def _resolve(kind: str, options: dict) -> dict:
    """Turns an inspection title in the options into the inspection's id (None when it is absent)."""
    options = dict(options)
    title = options.pop("inspection_title", None)
    if title is not None:
        options["inspection"] = Inspection.objects.filter(title=title).values_list("pk", flat=True).first()
    return options


def _sync(model: type[models.Model], lookup: dict, values: dict) -> bool:
    """get_or_create, then set only the fields that differ, so a second run writes nothing."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed and not created:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj, created


def load() -> dict[str, int]:
    committee, committee_created = Committee.objects.get_or_create(name=COMMITTEE)
    # The header is written once: a clerk's later edits to the demo paper are kept.
    paper, paper_created = Paper.objects.get_or_create(
        committee=committee, meeting_date=MEETING_DATE, subject=SUBJECT, defaults=HEADER
    )
    sections_created = blocks_created = 0
    for position, (heading, level, numbered, contents) in enumerate(SECTIONS, 1):
        section, created = _sync(
            Section, {"paper": paper, "position": position}, {"heading": heading, "level": level, "numbered": numbered}
        )
        sections_created += created
        for block_position, content in enumerate(contents, 1):
            if isinstance(content, str):
                values = {"kind": Block.TEXT, "text": content, "options": {}}
            else:
                kind, options = content
                values = {"kind": kind, "text": "", "options": _resolve(kind, options)}
            _, created = _sync(Block, {"section": section, "position": block_position}, values)
            blocks_created += created
    return {
        "committees": int(committee_created),
        "papers": int(paper_created),
        "sections": sections_created,
        "blocks": blocks_created,
    }
