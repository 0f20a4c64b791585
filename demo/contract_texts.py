"""Text of the demo's generated contracts and documents: clause headings like a real
collective bargaining agreement, in our own words. Everything here is fictional demo text."""

ARTICLES = [
    (
        "Recognition",
        "The Employer recognizes the Union as the sole bargaining representative of "
        "all employees in the bargaining unit described in Appendix A, excluding supervisors and "
        "confidential employees.",
    ),
    (
        "Union security",
        "Employees may join the Union at any time. The Employer shall deduct dues "
        "from the pay of employees who authorize it in writing and remit them monthly.",
    ),
    (
        "Management rights",
        "Except as this Agreement limits them, the Employer keeps the right to "
        "direct the work force, schedule work and set reasonable rules, applied fairly.",
    ),
    (
        "Seniority",
        "Seniority is continuous service in the bargaining unit since the last date of "
        "hire. Seniority decides vacation choice, shift bids and the order of layoff and recall.",
    ),
    (
        "Hours of work",
        "The normal work week is forty (40) hours in five days. Schedules are "
        "posted two weeks in advance; a change needs seven days' notice except in emergencies.",
    ),
    (
        "Overtime",
        "Overtime is paid at one and one-half (1.5) times the regular rate for hours "
        "worked over forty (40) in a week or eight (8) in a day. Overtime is offered by seniority "
        "on a rotating list; mandatory overtime is limited to four hours per pay period.",
    ),
    (
        "Wages",
        "Wage rates are set out in Appendix B. Each classification receives a general "
        "increase on the first full pay period of each contract year.",
    ),
    (
        "Holidays",
        "Employees receive ten paid holidays, including Juneteenth. Work on a holiday "
        "is paid at double time in addition to holiday pay.",
    ),
    (
        "Vacation",
        "Vacation accrues each pay period by years of service. Requests made before "
        "March 1 are granted by seniority; later requests are granted first come, first served.",
    ),
    (
        "Sick leave",
        "Employees earn one hour of paid sick leave for every thirty hours worked, "
        "usable for their own care or the care of a family member.",
    ),
    (
        "Bereavement leave",
        "Bereavement leave of up to five (5) paid days is granted on the "
        "death of a spouse, partner, child, parent or sibling, and three (3) paid days for other "
        "family members. Extra unpaid days are granted for travel.",
    ),
    (
        "Grievance procedure",
        "A grievance is a dispute over the meaning or application of this "
        "Agreement. Step 1: the steward and supervisor meet within ten days. Step 2: the Union "
        "appeals in writing to Human Resources. Step 3: the Union may refer the grievance to "
        "binding arbitration.",
    ),
    (
        "Discipline and discharge",
        "No employee shall be disciplined or discharged without just "
        "cause. An employee may have a steward present at any investigatory meeting.",
    ),
    (
        "Health and welfare",
        "The Employer pays eighty-five percent (85%) of the premium for "
        "single and family health coverage for employees scheduled thirty hours or more.",
    ),
    (
        "Duration",
        "This Agreement remains in full force and effect from its effective date "
        "until its expiry date, and from year to year thereafter unless either party gives notice "
        "ninety days before expiry.",
    ),
]

ARTICLES_PER_PAGE = 3


def contract_pages(employer, unit, years):
    """The pages of a demo contract, as lists of lines (a cover page, then the articles)."""
    pages = [
        [
            "AGREEMENT",
            f"between {employer}",
            "and the Office and Professional Employees International Union, Local 12",
            f"{unit}",
            f"{years}",
            "",
            "DEMO DOCUMENT: generated for the demonstration site; not a real contract.",
        ]
    ]
    for start in range(0, len(ARTICLES), ARTICLES_PER_PAGE):
        lines = []
        for number, (heading, text) in enumerate(
            ARTICLES[start : start + ARTICLES_PER_PAGE], start=start + 1
        ):
            lines += [f"ARTICLE {number}. {heading.upper()}", text, ""]
        pages.append(lines)
    return pages


BYLAWS = [
    [
        "BYLAWS OF OPEIU LOCAL 12",
        "DEMO DOCUMENT: generated for the demonstration site.",
        "",
        "ARTICLE I. NAME",
        "This organization is Office and Professional Employees International "
        "Union, Local 12, chartered by the International Union.",
        "",
        "ARTICLE II. PURPOSE",
        "To organize workers, bargain collectively and win economic justice "
        "in our workplaces and social justice in our communities.",
    ],
    [
        "ARTICLE III. MEMBERSHIP MEETINGS",
        "General membership meetings are held monthly. Fifteen "
        "members in good standing constitute a quorum.",
        "",
        "ARTICLE IV. EXECUTIVE BOARD",
        "The Executive Board meets monthly and governs the Local between membership meetings.",
        "",
        "ARTICLE V. STEWARDS",
        "Stewards are elected by the members of each unit or worksite and trained by the Local.",
    ],
]


def minutes_pages(date_text, closed=False):
    session = "closed session" if closed else "regular meeting"
    return [
        [
            "OPEIU LOCAL 12 EXECUTIVE BOARD",
            f"Minutes of the {session}, {date_text}",
            "DEMO DOCUMENT: generated for the demonstration site.",
            "",
            "Call to order at 6:00 pm by the President. Quorum present.",
            "Approval of the minutes of the previous meeting: moved, seconded, carried.",
            "Secretary-Treasurer's report: received and filed.",
            "Bargaining report: HealthPartners, Northfield Lakes Credit Union and Iron Range "
            "Community Clinics.",
            "Adjourned at 7:25 pm.",
        ]
    ]


def agenda_pages(date_text):
    return [
        [
            "OPEIU LOCAL 12 EXECUTIVE BOARD",
            f"Agenda, {date_text}, 6:00 pm",
            "DEMO DOCUMENT: generated for the demonstration site.",
            "",
            "1. Call to order and roll call",
            "2. Minutes of the previous meeting",
            "3. Secretary-Treasurer's report",
            "4. Bargaining updates: HealthPartners, Northfield Lakes, Iron Range",
            "5. Steward training schedule",
            "6. Adjournment",
        ]
    ]
