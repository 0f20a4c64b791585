"""schema.org Event JSON-LD for event and series pages."""

from .choices import SCHEMA_ATTENDANCE, SCHEMA_STATUS, AttendanceMode
from .registration_info import registration_for


def event_data(page, url, start, end, mode, status, all_day=False, organizer="OPEIU", date=None):
    """`date`: the original date of a series' occurrence (its registration is per date)."""
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
    on_site = registration_for(page, date, places=True) if url else None
    if on_site:
        # schema.org's Offer for a free registration (Google's event offers): the form's URL,
        # InStock while places are left, SoldOut when full (the waitlist) or closed.
        data["offers"] = {
            "@type": "Offer",
            "url": f"{url}#register",
            "price": 0,
            "priceCurrency": "USD",
            "availability": "https://schema.org/"
            + ("InStock" if on_site["open"] and not on_site["full"] else "SoldOut"),
        }
        if on_site["deadline"]:
            data["offers"]["validThrough"] = on_site["deadline"].isoformat()
    elif page.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": page.registration_url,
            "price": 0,
            "priceCurrency": "USD",
            "availability": "https://schema.org/InStock",
        }
    data["organizer"] = {"@type": "Organization", "name": organizer}
    return data
