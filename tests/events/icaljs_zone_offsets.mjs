// Read every VTIMEZONE of a calendar with ical.js (Thunderbird's parser) and say the UTC offset
// ical.js gives to noon (wall clock) of each day from FIRST to LAST, per zone, as changes only:
// {tzid: [[day index, offset in seconds], ...]} (day 0 is FIRST; a pair wherever it changes).
// ical.js's answer can only change around one of the zone's own changes (its expansion of the
// sub-components), so it is asked on day 0 and on the days around each change, not all 9,000.
// Usage: node icaljs_zone_offsets.mjs FIRST(YYYY-MM-DD) LAST(YYYY-MM-DD) < zones.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [first, last] = process.argv.slice(2);
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
const start = ICAL.Time.fromDateString(first);
const stop = ICAL.Time.fromDateString(last);
const days = stop.subtractDate(start).toSeconds() / 86400;
const out = {};
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  const zone = new ICAL.Timezone(vtimezone);
  const noonOf = (index) => {
    const day = start.clone();
    day.adjust(index, 0, 0, 0);
    return new ICAL.Time({ year: day.year, month: day.month, day: day.day, hour: 12 }, zone);
  };
  zone.utcOffset(noonOf(days)); // expands the zone's changes through LAST
  const asked = new Set([0]);
  for (const change of zone.changes) {
    const at = new ICAL.Time({ year: change.year, month: change.month, day: change.day });
    const index = Math.round(at.subtractDate(start).toSeconds() / 86400);
    for (let near = index - 2; near <= index + 2; near++) {
      if (near >= 0 && near <= days) asked.add(near);
    }
  }
  const changes = [];
  let previous = null;
  for (const index of [...asked].sort((a, b) => a - b)) {
    const offset = zone.utcOffset(noonOf(index));
    if (offset !== previous) {
      changes.push([index, offset]);
      previous = offset;
    }
  }
  out[zone.tzid] = changes;
}
process.stdout.write(JSON.stringify(out));
