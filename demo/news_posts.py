"""The twelve demo posts: facts from shared/DEMO_CONTENT.md, prose written for this site.

Each post is a dict: slug, date, title, dek, summary, category (name), tags, hero (optional
image spec) and body (a list of StreamField blocks; "{petition}" and "{att_pdf}" are filled in
by the loader).
"""

import datetime


def p(*paragraphs):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def h(text):
    return [{"type": "heading", "value": {"text": text, "level": "h2"}}]


def quote(text, attribution):
    return [{"type": "quote", "value": {"quote": text, "attribution": attribution}}]


POSTS = [
    {
        "slug": "local-212-ratifies-agreement-ending-lockout",
        "date": datetime.date(2011, 7, 13),
        "title": (
            "OPEIU Local 212 Members Ratify Agreement Ending 12 Week Lockout at HealthNow New "
            "York, Inc. (dba Blue Cross/Blue Shield of Western New York)"
        ),
        "dek": "Nearly 400 workers in Buffalo head back to their jobs with a three-year contract",
        "summary": (
            "After more than twelve weeks locked out, the Local 212 members at HealthNow New York "
            "voted on Wednesday to ratify a three-year agreement. They return to work by Aug. 1."
        ),
        "category": "Press release",
        "tags": ["Local 212", "Contracts", "Lockout"],
        "hero": ("Local 212 members ratify their contract", "news-local-212.jpg", "Local 212"),
        "body": p(
            "The lockout is over. On Wednesday, the members of OPEIU Local 212 who work for "
            "HealthNow New York, Inc., the company doing business as Blue Cross/Blue Shield of "
            "Western New York, voted to accept a new three-year contract.",
            "Close to 400 workers had been kept out of their jobs by the employer for more than "
            "twelve weeks. Through all of it they held together, walked the line and kept "
            "talking to the public about the work they do for the region's policyholders.",
        )
        + h("Back to work, with a paid break first")
        + p(
            "Under the settlement the members take a negotiated two-week vacation, with pay, "
            "before returning. Everyone is due back at work by Aug. 1.",
            "Local 212 thanks the families, neighbours and fellow unionists across Western New "
            "York who brought food, stood on the line and refused to let the lockout break the "
            "members' spirit.",
        ),
    },
    {
        "slug": "michael-goodwin-on-health-matters-wtbq",
        "date": datetime.date(2011, 4, 13),
        "title": 'Michael Goodwin appears on "Health Matters", AM 1110 WTBQ radio',
        "dek": "The International President talks unions and health care with a Guild 45 leader",
        "summary": (
            "International President Michael Goodwin was the guest of Dr. Michael Wodka on "
            "WTBQ's \u201cHealth Matters\u201d on Thursday, March 24."
        ),
        "category": "Press release",
        "tags": ["Guild 45", "Media"],
        "body": p(
            "OPEIU International President Michael Goodwin joined the radio program "
            "\u201cHealth Matters\u201d on AM 1110 WTBQ, an ABC affiliate, on Thursday, March 24.",
            "The show is hosted by Dr. Michael Wodka, first vice president of the First National "
            "Guild of Medical Providers of the Lower Extremity, OPEIU Guild 45, the union's guild "
            "of podiatrists.",
            "The conversation turned to why doctors and other health professionals are choosing "
            "to organize, and what a union voice means for the quality of patient care.",
        ),
    },
    {
        "slug": "att-discounts-for-opeiu-members",
        "date": datetime.date(2011, 3, 16),
        "title": "AT&T discounts for OPEIU members.",
        "dek": "A member benefit on wireless service",
        "summary": (
            "OPEIU members can save on AT&T service. The details are in a short PDF you can "
            "download here."
        ),
        "category": "Benefits",
        "tags": ["Member discounts"],
        "body": p(
            "Being a member of OPEIU pays off outside the workplace too. Members are eligible "
            "for discounts on AT&T service.",
            "Everything you need to know, including how to sign up, is in the PDF below.",
        )
        + [{"type": "document", "value": {"document": "{att_pdf}", "label": "Download the PDF"}}],
    },
    {
        "slug": "stand-with-wisconsin",
        "date": datetime.date(2011, 3, 4),
        "title": "Stand With Wisconsin",
        "dek": "Working people around the world answer the attack on bargaining rights",
        "summary": (
            "From state capitals across the country to union halls overseas, support keeps "
            "growing for Wisconsin's workers and their right to bargain collectively."
        ),
        "category": "Solidarity",
        "tags": ["Wisconsin", "Collective bargaining"],
        "hero": ("Stand with Wisconsin", "news-stand-with-wisconsin.jpg", "Stand With Wisconsin"),
        "body": p(
            "Governor Scott Walker's attempt to strip public workers of their collective "
            "bargaining rights has drawn a response from working people everywhere.",
            "Solidarity demonstrations have been held in state capitals around the country, and "
            "unions abroad have organized rallies of their own to show Wisconsin's workers they "
            "are not alone.",
        )
        + quote(
            "An attack on bargaining rights in one state is an attack on working people in "
            "every state.",
            "OPEIU",
        ),
    },
    {
        "slug": "stand-with-wisconsin-what-you-can-do",
        "date": datetime.date(2011, 2, 27),
        "title": "Stand With Wisconsin",
        "dek": "Support pours in from all over the world; here's what you can do",
        "summary": (
            "Wisconsin's workers thank everyone who has sent support and ask that it continue. "
            "Here's what you can do."
        ),
        "category": "Solidarity",
        "tags": ["Wisconsin", "Collective bargaining"],
        "body": p(
            "Messages of support are reaching Wisconsin from every part of the world, and the "
            "workers standing up in Madison have asked us to keep it coming.",
        )
        + h("Here's what you can do")
        + p(
            "Join a solidarity rally near you. Tell your friends and family what is at stake. "
            "Write to your own state legislators and ask where they stand on the right to "
            "bargain.",
        ),
    },
    {
        "slug": "opeiu-joins-wisconsin-protest-madison",
        "date": datetime.date(2011, 2, 24),
        "title": (
            "OPEIU Joins Wisconsin Local Unions in Protest at the Capitol in Madison, Wisconsin"
        ),
        "dek": "President Goodwin and union officials head to the Capitol on Friday, Feb. 25",
        "summary": (
            "President Goodwin and other OPEIU officials join Wisconsin's local unions at the "
            "Capitol in Madison on Friday, Feb. 25."
        ),
        "category": "Campaign",
        "tags": ["Wisconsin", "Local 95"],
        "body": p(
            "OPEIU President Michael Goodwin and other officials of the union will be in "
            "Madison on Friday, Feb. 25, standing with Wisconsin's local unions in protest at "
            "the Capitol.",
            "OPEIU Local 95 keeps a list of the protests and rallies planned for Feb. 25 and 26, "
            "2011 on its own website. Members in the area are urged to join them.",
        ),
    },
    {
        "slug": "celebrating-organizing-the-unorganized",
        "date": datetime.date(2022, 5, 1),
        "title": "Celebrating Organizing the Unorganized",
        "dek": "On May Day, the answer to slipping gains is the same as ever: organize",
        "summary": (
            "The eight-hour day, the weekend and Social Security were won by organized workers. "
            "As those gains slip, new organizing in nonprofits and tech points the way forward."
        ),
        "category": "Organizing",
        "tags": ["May Day", "OPEIU Connect"],
        "hero": ("May Day: organizing the unorganized", "news-may-day.jpg", "Organize"),
        "body": p(
            "May Day honours the working people who came before us and what they won: the "
            "eight-hour day, the minimum wage, overtime pay, an end to child labor, the weekend "
            "and Social Security.",
            "None of it was a gift, and much of it is slipping away. The answer is the one "
            "earlier generations found: organizing the unorganized.",
        )
        + h("New wins, new members")
        + p(
            "Workers in the nonprofit and tech sectors have been winning their unions with OPEIU. "
            "Their stories lead the first issue of OPEIU Connect, the union's new magazine.",
        ),
    },
    {
        "slug": "one-workplace-death-is-one-too-many",
        "date": datetime.date(2022, 4, 28),
        "title": "One Workplace Death is One Too Many",
        "dek": "April 28 is Workers Memorial Day",
        "summary": (
            "4,764 workers were killed on the job in a year, and an estimated 120,000 more died "
            "of occupational diseases. On Workers Memorial Day we remember them."
        ),
        "category": "Safety and health",
        "tags": ["Workers Memorial Day", "AFL-CIO"],
        "hero": ("Workers Memorial Day", "news-workers-memorial-day.jpg", "April 28"),
        "body": p(
            "The Occupational Safety and Health Act took effect on April 28, 1971. Every year "
            "since, the labor movement has marked the day by remembering those who went to work "
            "and never came home.",
            "In the past year 4,764 workers were killed on the job. An estimated 120,000 more "
            "died of diseases caught at work. Construction remains among the deadliest "
            "industries.",
        )
        + h("Take part")
        + p(
            "Find a Workers Memorial Day event near you, and read the AFL-CIO's state-by-state "
            "report on safety at work.",
        ),
    },
    {
        "slug": "report-details-workplace-hazards",
        "date": datetime.date(2022, 4, 26),
        "title": "New report details scope and severity of workplace hazards in U.S.",
        "dek": "The AFL-CIO's annual safety report comes out ahead of Workers Memorial Day",
        "summary": (
            "The AFL-CIO has released its yearly report on worker safety and health, with "
            "figures for every state."
        ),
        "category": "Safety and health",
        "tags": ["Workers Memorial Day", "AFL-CIO"],
        "body": p(
            "Just before Workers Memorial Day, the AFL-CIO published its annual report on the "
            "state of worker safety and health in the United States.",
            "The report sets out how many workers are hurt, made sick or killed by their jobs, "
            "state by state, and where enforcement falls short.",
        ),
    },
    {
        "slug": "metlife-legal-plans-limited-time-offer",
        "date": datetime.date(2022, 4, 15),
        "title": "Limited Time Offer: MetLife Legal Plans for only $19.95 per Month",
        "dek": "Special open enrollment ends May 2, 2022",
        "summary": (
            "A special open enrollment lets members join MetLife Legal Plans for $19.95 a "
            "month. New customers only; enrollment ends 5/2/22."
        ),
        "category": "Benefits",
        "tags": ["Legal plans"],
        "body": p(
            "For a limited time, OPEIU members can enroll in MetLife Legal Plans for only $19.95 "
            "per month.",
            "The special open enrollment is for new customers only, and it closes on 5/2/22.",
        ),
    },
    {
        "slug": "leadership-conference-workers-united",
        "date": datetime.date(2022, 4, 14),
        "title": (
            "Leadership Conference Workers United Urges The Leadership Conference on Civil and "
            "Human Rights and The Leadership Conference Education Fund to Recognize Union"
        ),
        "dek": "Workers seek to organize for a workplace as good as its ideals",
        "summary": (
            "More than 75 percent of eligible staff have formed Leadership Conference Workers "
            "United and asked for voluntary recognition with OPEIU Local 2."
        ),
        "category": "Organizing",
        "tags": ["Local 2", "Recognition"],
        "body": p(
            "WASHINGTON, D.C.: More than 75 percent of the eligible staff of The Leadership "
            "Conference on Civil and Human Rights and The Leadership Conference Education Fund "
            "have formed Leadership Conference Workers United (LCWU).",
            "They have asked management to voluntarily recognize their union, affiliated with "
            "OPEIU Local 2, and to answer by 5 p.m. ET on Wednesday, April 20. Without "
            "recognition, they will seek an election through the National Labor Relations "
            "Board.",
            "The workers say they draw inspiration from A. Philip Randolph, a co-founder of The "
            "Leadership Conference and a lifelong champion of working people.",
        ),
    },
    {
        "slug": "tell-the-red-cross-dignified-contract",
        "date": datetime.date(2022, 4, 13),
        "title": "Tell the Red Cross: Front-Line Heroes Deserve a DIGNIFIED Contract",
        "dek": "Red Cross workers are asking for your support",
        "summary": (
            "The American Red Cross employees who collect the nation's blood supply face chronic "
            "understaffing and unsafe conditions. Their contract expires May 31."
        ),
        "category": "Campaign",
        "tags": ["Red Cross", "Petitions"],
        "hero": ("Red Cross workers", "news-red-cross.jpg", "Dignity for Red Cross workers"),
        "body": p(
            "The American Red Cross employees who collect the blood supply kept working through "
            "every crisis. Now they are asking the Red Cross to treat them with dignity.",
            "Chronic understaffing and unsafe conditions have made the work harder and riskier. "
            "Their contract expires on May 31, and they want an agreement that fixes both.",
        )
        + h("Add your name")
        + p("Tell the Red Cross that front-line heroes deserve a dignified contract.")
        + [{"type": "call_to_action", "value": "{petition}"}],
    },
]


# Local 12's own news (facts from the local's calendar in shared/DEMO_CONTENT.md).
LOCAL_12_POSTS = [
    {
        "slug": "healthpartners-cat-meetings-restart",
        "date": datetime.date(2025, 1, 2),
        "title": "HealthPartners CAT meetings restart Tuesday, January 7",
        "dek": "Weekly contract action team meetings are back after the holiday break",
        "summary": (
            "HealthPartners members: the contract action team meets again every Tuesday from "
            "6:30 to 7:30 pm on Zoom, starting January 7. Register once to get the link."
        ),
        "category": "Campaign",
        "tags": ["Local 12", "HealthPartners", "Contract campaign"],
        "body": p(
            "Our HealthPartners members are getting ready for a strong contract campaign, and the "
            "contract action team (CAT) is where that work is planned.",
            "After a break for the holidays, CAT meetings resume on Tuesday, January 7, and then "
            "run every Tuesday from 6:30 to 7:30 pm on Zoom unless we say otherwise. "
            "Registration is required so that only members receive the meeting link; the "
            "calendar has the form.",
        ),
    },
    {
        "slug": "healthpartners-strike-school",
        "date": datetime.date(2026, 9, 10),
        "title": "HealthPartners Strike School at Carpenters Hall",
        "dek": "Two in-person evenings to prepare for whatever the bargaining table brings",
        "summary": (
            "Local 12 held two Strike School evenings for HealthPartners members at Carpenters "
            "Hall, 710 Olive Street, Saint Paul: in person only, 6:30 to 8:00 pm."
        ),
        "category": "Organizing",
        "tags": ["Local 12", "HealthPartners", "Strike School"],
        "body": p(
            "Knowing your rights before a strike vote is part of bargaining from strength. Strike "
            "School walks members through how a strike is called, what the law protects and how "
            "we support each other on the line.",
            "Both sessions were held in person only at Carpenters Hall, 710 Olive Street, Saint "
            "Paul, from 6:30 to 8:00 pm. A third evening is on Local 12's calendar for members "
            "who missed them: register on its page, and you get a confirmation with the event "
            "for your calendar and a link to cancel if your plans change.",
        ),
    },
]
