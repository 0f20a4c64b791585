"""A local's roster import: read the file, map its columns, plan, apply.

The membership system's export is read by the stdlib's csv reader or openpyxl (XLSX), never by
hand: both give each row its line number in the file, which the preview names for a refused
row (tablib drops blank lines, so its row numbers drift from the spreadsheet's). The plan says
what would happen (added, changed, lapsed, refused with the reason) and changes nothing;
`apply` writes it in one transaction with bulk inserts and updates, keeps a `RosterImport` in
the history, then ends the memberships whose row lapsed or went away
(`members.membership.end_lapsed`).

A row that is refused keeps the roster's row with its number as it is: a typo in an email must
not lapse a member. A member number that appears on several lines is refused on each of them.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .membership import end_lapsed, normalize_email
from .models import (
    MEMBER_STATUSES,
    ROSTER_FIELDS,
    RosterEntry,
    RosterImport,
    RosterMapping,
    RosterStatus,
)

MAX_BYTES = 40 * 1024 * 1024  # 100,000 rows of a wide export are about 15 MB
ACCEPTED_EXTENSIONS = (".csv", ".xlsx")
BATCH = 1000


class RosterFileError(Exception):
    """The file cannot be read as a roster (the message says why, for the upload form)."""


# --- Reading ----------------------------------------------------------------------------------


@dataclass
class RosterFile:
    headings: list
    rows: list  # [(line number, [cell text, ...])], blank rows left out

    @property
    def usable_headings(self):
        """The headings a column can be mapped by: named, each name once."""
        seen = []
        for heading in self.headings:
            if heading and heading not in seen:
                seen.append(heading)
        return seen


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a member number typed as a number in Excel
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _uninert(text):
    """A cell of our own CSV export read back: "'+1 651..." was "+1 651..." (exports.py)."""
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text


def _decode(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(_("The file's text is neither UTF-8 nor Windows-1252."))


def _read_csv(data):
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows, headings, line = [], None, 0
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if headings is None:
                headings = [_cell_text(cell) for cell in cells]
                continue
            if any(cell.strip() for cell in cells):
                rows.append((start, [_uninert(cell.strip()) for cell in cells]))
    except csv.Error as error:
        raise RosterFileError(
            _("Line %(line)d cannot be read: %(error)s") % {"line": line + 1, "error": error}
        ) from error
    return headings or [], rows


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError, InvalidFileException...
        raise RosterFileError(_("This is not an Excel (.xlsx) file.")) from error
    try:
        sheet = workbook.active
        headings, rows = None, []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if headings is None:
                if any(cells):
                    headings = cells
                continue
            if any(cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    return headings or [], rows


def read_roster_file(data, file_name):
    """The headings and rows of an uploaded CSV or XLSX file (RosterFileError if unreadable)."""
    name = (file_name or "").lower()
    if len(data) > MAX_BYTES:
        raise RosterFileError(_("The file is too large (40 MB at most)."))
    if name.endswith(".xlsx"):
        headings, rows = _read_xlsx(data)
    elif name.endswith(".csv"):
        headings, rows = _read_csv(data)
    else:
        raise RosterFileError(_("Upload a .csv or .xlsx file."))
    if not any(headings):
        raise RosterFileError(_("The file has no heading row (the column names)."))
    return RosterFile(headings=headings, rows=rows)


# --- Mapping ----------------------------------------------------------------------------------


def _key(text):
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


# Headings membership systems use for each field (compared without case, spaces or signs).
HEADING_NAMES = {
    "member_number": {"membernumber", "memberno", "membernum", "memberid", "mbrno", "member"},
    "first_name": {"firstname", "first", "givenname", "fname", "forename"},
    "last_name": {"lastname", "last", "surname", "familyname", "lname"},
    "email": {"email", "emailaddress", "mail"},
    "phone": {"phone", "phonenumber", "telephone", "mobile", "cellphone", "cell"},
    "employer": {"employer", "company", "employername"},
    "unit": {"unit", "bargainingunit", "unitname"},
    "worksite": {"worksite", "site", "workplace", "worklocation", "location"},
    "postal_code": {"postalcode", "zip", "zipcode", "postcode", "ziporpostalcode"},
    "status": {"status", "memberstatus", "membershipstatus"},
}


def field_label(name):
    return str(RosterEntry._meta.get_field(name).verbose_name)


def guess_mapping(headings, saved=None):
    """{field: heading} for `headings`: the saved mapping where its heading is in the file,
    otherwise a heading whose name matches the field's."""
    saved = saved or {}
    by_key = {}
    for heading in headings:
        by_key.setdefault(_key(heading), heading)
    mapping = {}
    for name in ROSTER_FIELDS:
        if saved.get(name) in headings:
            mapping[name] = saved[name]
            continue
        for key in (_key(field_label(name)), *sorted(HEADING_NAMES[name])):
            if key in by_key and by_key[key] not in mapping.values():
                mapping[name] = by_key[key]
                break
    return mapping


def saved_mapping(local):
    mapping = RosterMapping.objects.filter(local=local).first()
    return mapping.columns if mapping is not None else {}


def remember_mapping(local, mapping):
    RosterMapping.objects.update_or_create(
        local=local, defaults={"columns": {k: v for k, v in mapping.items() if v}}
    )


# --- Planning ---------------------------------------------------------------------------------

STATUS_WORDS = {
    **{_key(value): value for value in RosterStatus.values},
    **{_key(label): value for value, label in RosterStatus.choices},
    "inactive": RosterStatus.LAPSED,
    "retiree": RosterStatus.RETIRED,
}

MAX_LENGTHS = {name: RosterEntry._meta.get_field(name).max_length for name in ROSTER_FIELDS}


@dataclass
class Refused:
    line: int
    member_number: str
    reason: str


@dataclass
class Change:
    entry_id: int
    member_number: str
    name: str
    values: dict
    changes: list  # [(field label, before, after)]
    gone: bool = False  # on the roster, not in the file
    names: tuple = ()  # the fields that change


@dataclass
class Plan:
    fields: list  # the mapped roster fields (what an import writes)
    added: list = field(default_factory=list)  # [values]
    changed: list = field(default_factory=list)  # [Change]
    lapsed: list = field(default_factory=list)  # [Change]: lapsed in the file or gone from it
    refused: list = field(default_factory=list)  # [Refused]
    unchanged: int = 0
    rows: int = 0
    roster_size: int = 0

    @property
    def counts(self):
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "lapsed": len(self.lapsed),
            "refused": len(self.refused),
        }

    @property
    def applicable(self):
        return bool(self.added or self.changed or self.lapsed or self.unchanged)

    @property
    def lapses_most(self):
        """Over half of the roster's members would lapse: most likely the wrong file."""
        return self.roster_size >= 10 and len(self.lapsed) * 2 > self.roster_size

    def digest(self):
        """What a confirmation must match: the roster may have changed since the preview."""
        digest = hashlib.sha256(repr((self.fields, self.unchanged)).encode())
        for values in self.added:
            digest.update(repr(sorted(values.items())).encode())
        for change in self.changed + self.lapsed:
            digest.update(repr((change.entry_id, change.changes)).encode())
        for refused in self.refused:
            digest.update(repr((refused.line, refused.reason)).encode())
        return digest.hexdigest()[:32]


def _clean_row(cells, columns):
    """The row's values by field, or the reason it is refused."""
    values = {}
    for name, index in columns.items():
        values[name] = cells[index].strip() if index < len(cells) else ""
    if not values.get("member_number"):
        return None, _("no member number")
    if "email" in values:
        values["email"] = normalize_email(values["email"])
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                return None, _("bad email “%(email)s”") % {"email": values["email"]}
    if "status" in values:
        status = STATUS_WORDS.get(_key(values["status"])) if values["status"] else "active"
        if status is None:
            return None, _("unknown status “%(status)s” (active, retired or lapsed)") % {
                "status": values["status"]
            }
        values["status"] = status
    for name, value in values.items():
        if len(value) > MAX_LENGTHS[name]:
            return None, _("%(field)s longer than %(max)d characters") % {
                "field": field_label(name),
                "max": MAX_LENGTHS[name],
            }
    return values, None


def _name(values):
    return " ".join(part for part in (values.get("first_name"), values.get("last_name")) if part)


def make_plan(local, roster_file, mapping):
    """What importing `roster_file` with `mapping` ({field: heading}) would do to `local`'s
    roster. Reads the roster once; changes nothing."""
    index = {}
    for position, heading in enumerate(roster_file.headings):
        index.setdefault(heading, position)
    columns = {name: index[heading] for name, heading in mapping.items() if heading in index}
    if "member_number" not in columns:
        raise ValueError("the member number's column is not mapped")
    fields = [name for name in ROSTER_FIELDS if name in columns]
    plan = Plan(fields=fields, rows=len(roster_file.rows))

    rows, lines_of = [], {}
    for line, cells in roster_file.rows:
        values, reason = _clean_row(cells, columns)
        if values is None:
            at = columns["member_number"]
            number = cells[at].strip() if at < len(cells) else ""
            plan.refused.append(Refused(line, number, reason))
            continue
        rows.append((line, values))
        lines_of.setdefault(values["member_number"], []).append(line)
    kept = {r.member_number for r in plan.refused if r.member_number}  # left as they are
    for line, values in rows:
        lines = lines_of[values["member_number"]]
        if len(lines) > 1:
            others = ", ".join(str(other) for other in lines if other != line)
            plan.refused.append(
                Refused(
                    line,
                    values["member_number"],
                    _("member number %(number)s also on line %(lines)s")
                    % {"number": values["member_number"], "lines": others},
                )
            )
            kept.add(values["member_number"])
    plan.refused.sort(key=lambda refused: refused.line)

    current = {
        row[1]: row
        for row in RosterEntry.objects.filter(local=local).values_list(
            "pk", "member_number", *[name for name in ROSTER_FIELDS if name != "member_number"]
        )
    }
    plan.roster_size = sum(1 for row in current.values() if row[-1] in MEMBER_STATUSES)
    order = ["pk", "member_number"] + [name for name in ROSTER_FIELDS if name != "member_number"]
    labels = {name: field_label(name) for name in ROSTER_FIELDS}
    seen = set()
    for _line, values in rows:
        number = values["member_number"]
        if number in kept:
            continue
        seen.add(number)
        row = current.get(number)
        if row is None:
            plan.added.append(values)
            continue
        before = dict(zip(order, row, strict=True))
        names = tuple(name for name in fields if before[name] != values[name])
        if not names:
            plan.unchanged += 1
            continue
        diffs = [(labels[name], before[name], values[name]) for name in names]
        change = Change(
            before["pk"], number, _name(values) or _name(before), values, diffs, names=names
        )
        lapses = before["status"] in MEMBER_STATUSES and values.get("status") == "lapsed"
        (plan.lapsed if lapses else plan.changed).append(change)
    for number, row in current.items():
        before = dict(zip(order, row, strict=True))
        if number in seen or number in kept or before["status"] not in MEMBER_STATUSES:
            continue
        plan.lapsed.append(
            Change(
                before["pk"],
                number,
                _name(before),
                {"status": RosterStatus.LAPSED},
                [(field_label("status"), before["status"], _("lapsed: not in the file"))],
                gone=True,
            )
        )
    return plan


# --- Applying ---------------------------------------------------------------------------------


def _update_changed(changes, now):
    """Bulk updates grouped by the fields that change: Django's bulk_update writes a CASE per
    field and row, so writing only the changed fields keeps the statements small."""
    groups = {}
    for change in changes:
        entry = RosterEntry(pk=change.entry_id, updated_at=now)
        for name in change.names:
            setattr(entry, name, change.values[name])
        groups.setdefault(change.names, []).append(entry)
    for names, entries in groups.items():
        RosterEntry.objects.bulk_update(entries, [*names, "updated_at"], batch_size=BATCH)


@transaction.atomic
def apply_plan(local, plan, *, user=None, file_name=""):
    """Write `plan` to `local`'s roster in one transaction; returns the `RosterImport`."""
    now = timezone.now()
    RosterEntry.objects.bulk_create(
        [RosterEntry(local=local, **values) for values in plan.added], batch_size=BATCH
    )
    _update_changed(plan.changed + [c for c in plan.lapsed if not c.gone], now)
    gone = [change.entry_id for change in plan.lapsed if change.gone]
    for start in range(0, len(gone), BATCH):
        RosterEntry.objects.filter(pk__in=gone[start : start + BATCH]).update(
            status=RosterStatus.LAPSED, updated_at=now
        )
    record = RosterImport.objects.create(
        local=local, user=user, file_name=file_name[:255], **plan.counts
    )
    end_lapsed(local)
    return record
