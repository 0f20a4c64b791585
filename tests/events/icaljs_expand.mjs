// Parse an iCalendar feed with ical.js (Thunderbird's parser) and expand one series the way
// Thunderbird does: master + RECURRENCE-ID exceptions, iterated until a date.
// Usage: node icaljs_expand.mjs UID UNTIL(YYYY-MM-DD) < feed.ics  ->  JSON on stdout
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [uid, until] = process.argv.slice(2);
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}
const vevents = root.getAllSubcomponents("vevent").filter((c) => c.getFirstPropertyValue("uid") === uid);
const master = new ICAL.Event(vevents.find((c) => !c.hasProperty("recurrence-id")));
for (const c of vevents.filter((c) => c.hasProperty("recurrence-id"))) {
  master.relateException(new ICAL.Event(c));
}
const stop = ICAL.Time.fromDateString(until);
const out = [];
if (!master.isRecurring()) {
  out.push({ start: master.startDate.toString(), tzid: master.startDate.zone.tzid,
    utc: master.startDate.toUnixTime(), status: master.component.getFirstPropertyValue("status") });
} else {
  const it = master.iterator();
  for (let next = it.next(); next && next.compare(stop) < 0; next = it.next()) {
    const d = master.getOccurrenceDetails(next);
    out.push({
      recurrenceId: d.recurrenceId.toString(),
      start: d.startDate.toString(),
      tzid: d.startDate.zone.tzid,
      utc: d.startDate.toUnixTime(),
      location: d.item.location,
      status: d.item.component.getFirstPropertyValue("status"),
      summary: d.item.summary,
      description: d.item.description,
    });
  }
}
process.stdout.write(JSON.stringify(out));
