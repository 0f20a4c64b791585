"""schema.org Event JSON-LD for event and series pages."""

from .choices import SCHEMA_ATTENDANCE, SCHEMA_STATUS, AttendanceMode


def event_data(page, url, start, end, mode, status, all_day=False, organizer="OPEIU"):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "startDate": start.date().isoformat() if all_day else start.isoformat(),
        "endDate": end.date().isoformat() if all_day else end.isoformat(),
        "eventAttendanceMode": SCHEMA_ATTENDANCE[AttendanceMode(mode)],
        "eventStatus": SCHEMA_STATUS[status],
    }
    if page.summary_text:
        data["description"] = page.summary_text
    locations = []
    if mode != AttendanceMode.ONLINE and page.venue is not None:
        locations.append(page.venue.schema_place())
    if mode != AttendanceMode.IN_PERSON:
        locations.append({"@type": "VirtualLocation", "url": page.public_online_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if page.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": page.registration_url,
            "price": 0,
            "priceCurrency": "USD",
            "availability": "https://schema.org/InStock",
        }
    data["organizer"] = {"@type": "Organization", "name": organizer}
    return data
