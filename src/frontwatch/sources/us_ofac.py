"""Parsers for the US OFAC lists: the ``sdnList`` XML format and the legacy CSV set.

Both formats describe the same records (SDN list and Consolidated non-SDN list), so both
parsers fill the same intermediate :class:`_Record` and share the conversion to FtM
entities, the parsing of OFAC's ``; ``-separated remarks and the resolution of
``Linked To:`` references into ``UnknownLink`` edges.

Weak and strong aliases: the XML marks each ``aka`` with a ``category``. The CSV files do
not: names in ``alt.csv`` are OFAC's strong aliases, and the ``a.k.a. '...'`` parts of the
Remarks column are, in OFAC's data, the weak ones (e.g. cons ent 9647: ``ZAHAR, Mahmoud``
is ``<category>weak</category>`` in the XML and only a remark alias in the CSV). So remark
aliases are stored as ``weakAlias`` (see ``_REMARK_AKA_PROP``), which makes both formats
give the same alias strengths.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from lxml import etree

from frontwatch.sources.base import ParseContext, clean_text, iso_date, org_schema

log = logging.getLogger(__name__)

AUTHORITY = "US Office of Foreign Assets Control"

# Where ``a.k.a. '...'`` names from the remarks go (OFAC's data treats them as weak).
_REMARK_AKA_PROP = "weakAlias"

_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
_ALIAS_TYPES = {"aka": "alias", "fka": "previousName", "nka": "alias"}

_CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "main": (
        "ent_num",
        "SDN_Name",
        "SDN_Type",
        "Program",
        "Title",
        "Call_Sign",
        "Vess_type",
        "Tonnage",
        "GRT",
        "Vess_flag",
        "Vess_owner",
        "Remarks",
    ),
    "add": (
        "ent_num",
        "Add_num",
        "Address",
        "City/State/Province/Postal",
        "Country",
        "Add_remarks",
    ),
    "alt": ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"),
    "comments": ("ent_num", "remarks_extended"),
}
_CSV_NAMES = {
    "main": "sdn.csv / cons_prim.csv",
    "add": "add.csv / cons_add.csv",
    "alt": "alt.csv / cons_alt.csv",
    "comments": "sdn_comments.csv / cons_comments.csv",
}


@dataclass
class _Record:
    """One listed entity, as read from either format, before it becomes FtM entities."""

    source_id: str
    location: str
    kind: str
    name: str
    first_name: str | None = None
    last_name: str | None = None
    programs: list[str] = field(default_factory=list)
    props: dict[str, list[str]] = field(default_factory=dict)
    sanction: dict[str, list[str]] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    notes: str | None = None

    def add(self, prop: str, value: str | None) -> None:
        """Remember ``value`` for entity property ``prop`` (skipping empties and repeats)."""
        value = clean_text(value)
        if value is None:
            return
        values = self.props.setdefault(prop, [])
        if value not in values:
            values.append(value)

    def add_sanction(self, prop: str, value: str | None) -> None:
        """Remember ``value`` for property ``prop`` of the Sanction."""
        value = clean_text(value)
        if value is None:
            return
        values = self.sanction.setdefault(prop, [])
        if value not in values:
            values.append(value)


# ---------------------------------------------------------------------------
# Remarks
# ---------------------------------------------------------------------------

_AKA_START = re.compile(r"(?:alt\.\s+)?[afn]\.k\.a\.,?\s*'", re.IGNORECASE)
# The closing quote of a quoted alias: a quote followed by an optional full stop and
# then the next part (``; ``), a closing parenthesis or the end of the text.
_AKA_END = re.compile(r"'\.?(?=\s*;\s|\s*\)?\s*$)")


def split_remarks(text: str | None) -> list[str]:
    """Split OFAC remarks on ``; `` but not inside a quoted ``a.k.a. '...'`` name."""
    if not text:
        return []
    parts: list[str] = []
    pos, size = 0, len(text)
    while pos < size:
        end = -1
        if m := _AKA_START.match(text, pos):
            if close := _AKA_END.search(text, m.end()):
                end = text.find("; ", close.end())
            else:
                end = text.find("; ", pos)
        else:
            end = text.find("; ", pos)
        if end < 0:
            end = size
        part = text[pos:end].strip()
        if part:
            parts.append(part)
        pos = end + 2
        while pos < size and text[pos] in " ;":
            pos += 1
    return parts


# label (as published; matched case-insensitively at the start of a part) -> (kind, prop)
_LABELS: dict[str, tuple[str, str]] = {
    "DOB": ("dates", "birthDate"),
    "POB": ("text", "birthPlace"),
    "nationality": ("text", "nationality"),
    "citizen": ("text", "citizenship"),
    "Gender": ("text", "gender"),
    "Position": ("text", "position"),
    "Nationality of Registration": ("text", "jurisdiction"),
    "Organization Type": ("text", "sector"),
    "Organization Established Date": ("dates", "incorporationDate"),
    "Passport": ("id", "passportNumber"),
    "Passport Booklet": ("id", "passportNumber"),
    "Diplomatic Passport": ("id", "passportNumber"),
    "Website": ("text", "website"),
    "Email Address": ("text", "email"),
    "Email": ("text", "email"),
    "Telephone": ("phone", "phone"),
    "Telephone No.": ("phone", "phone"),
    "Phone": ("phone", "phone"),
    "Phone Number": ("phone", "phone"),
    "Phone No.": ("phone", "phone"),
    "Fax": ("phone", "phone"),
    "Fax No.": ("phone", "phone"),
    "Fax Number": ("phone", "phone"),
    "Legal Entity Number": ("id", "leiCode"),
    "SWIFT/BIC": ("id", "swiftBic"),
    "D-U-N-S Number": ("id", "dunsCode"),
    "ISIN": ("id", "isinCode"),
    "BIK (RU)": ("id", "bikCode"),
    "Equity Ticker": ("id", "ticker"),
    "Unified Social Credit Code (USCC)": ("id", "uscc"),
    "United Social Credit Code Certificate (USCCC)": ("id", "uscc"),
    "Vessel Registration Identification": ("id", "imoNumber"),
    "MMSI": ("id", "mmsi"),
    "Former Vessel Flag": ("text", "pastFlags"),
    "Other Vessel Flag": ("text", "flag"),
    "Other Vessel Type": ("text", "type"),
    "Vessel Year of Build": ("dates", "buildDate"),
    "Aircraft Model": ("text", "model"),
    "Aircraft Manufacturer's Serial Number (MSN)": ("id", "serialNumber"),
    "Aircraft Tail Number": ("id", "registrationNumber"),
    "Aircraft Manufacture Date": ("dates", "buildDate"),
    "a.k.a.": ("name", _REMARK_AKA_PROP),
    "f.k.a.": ("name", "previousName"),
    "n.k.a.": ("name", "alias"),
    "Linked To": ("link", ""),
}
for _label in (
    "National ID No.",
    "National ID",
    "Identification Number",
    "Cedula No.",
    "D.N.I.",
    "C.U.R.P.",
    "C.U.R.P. #",
    "C.U.I.",
    "C.U.I.P.",
    "Electoral Registry No.",
    "Credencial electoral",
    "I.F.E.",
    "Driver's License No.",
    "Personal ID Card",
    "Residency Number",
    "SSN",
    "Kenyan ID No.",
    "Birth Certificate Number",
    "National Foreign ID Number",
    "Travel Document Number",
    "Turkish Identification Number",
    "Numero de Identidad",
    "Citizen's Card Number",
    "Cartilla de Servicio Militar Nacional",
    "LE Number",
    "VisaNumberID",
    "Refugee ID Card",
    "Stateless Person ID Card",
):
    _LABELS[_label] = ("id", "idNumber")
for _label in (
    "Tax ID No.",
    "Tax ID",
    "NIT #",
    "RUC #",
    "RIF #",
    "R.F.C.",
    "R.F.C. #",
    "RFC",
    "V.A.T. Number",
    "C.U.I.T.",
    "US FEIN",
    "Italian Fiscal Code",
    "RTN",
):
    _LABELS[_label] = ("id", "taxNumber")
for _label in (
    "Registration Number",
    "Business Registration Number",
    "Registration ID",
    "Company Number",
    "UK Company Number",
    "Commercial Registry Number",
    "Business Registration Document #",
    "Chamber of Commerce Number",
    "Istanbul Chamber of Comm. No.",
    "Dubai Chamber of Commerce Membership No.",
    "Trade License No.",
    "C.R. No.",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "Government Gazette Number",
    "Public Registration Number",
    "Economic Register Number (CBLS)",
    "Business Number",
    "Certificate of Incorporation Number",
    "Registered Charity No.",
    "Central Registration System Number",
    "Enterprise Number",
    "Branch Unit Number",
    "File Number",
    "License",
):
    _LABELS[_label] = ("id", "registrationNumber")

_LABEL_INDEX = {label.casefold(): spec for label, spec in _LABELS.items()}
_LABEL_RE = re.compile(
    r"^(?:alt\.\s+)?(?P<label>"
    + "|".join(re.escape(label) for label in sorted(_LABELS, key=len, reverse=True))
    + r")(?![A-Za-z0-9])[\s:#]*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SANCTION_DATE_RE = re.compile(
    r"^(?:alt\.\s+)?(?P<label>Listing|Effective) Date\b(?:\s*\([^)]*\))?\s*:?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_PROVISION_RE = re.compile(
    r"^(?:alt\.\s+)?(?:Additional Sanctions Information|Secondary sanctions risk|"
    r"Executive Order \d+|Transactions Prohibited For|CAATSA Section|"
    r"Purchase/Sales For Divestment)",
    re.IGNORECASE,
)
_ID_TAIL = re.compile(r"\s+(?:issued|expires|expiration|exp\.)\b.*$", re.IGNORECASE | re.DOTALL)
_ID_COUNTRY = re.compile(r"\s*\(([^()]*)\)\s*$")
_CIRCA = re.compile(r"^(?:circa|ca\.|approximately|approx\.|about)\s+", re.IGNORECASE)
_RANGE = re.compile(r"\s+(?:to|-)\s+", re.IGNORECASE)
_QUOTED = re.compile(r"'(.*)'", re.DOTALL)


def _strip_stop(text: str) -> str:
    return text.strip().rstrip(".").strip()


def _id_value(text: str) -> str | None:
    """``G28882492 (China) expires 04 May 2018`` -> ``G28882492``."""
    value = _ID_TAIL.sub("", _strip_stop(text))
    value = _ID_COUNTRY.sub("", value)
    return clean_text(value.strip(" ,.:#"))


def _dates(text: str) -> list[str]:
    """``10 Sep 1981``, ``circa 1960``, ``1960 to 1962`` -> ISO dates (both ends of a range)."""
    value = _CIRCA.sub("", _strip_stop(text))
    out: list[str] = []
    for piece in _RANGE.split(value):
        date = iso_date(_CIRCA.sub("", piece))
        if date is not None and date not in out:
            out.append(date)
    return out


def _apply_part(rec: _Record, part: str) -> bool:
    """Read one remark part into ``rec``; ``False`` if it was not understood."""
    text = part.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if _PROVISION_RE.match(text):
        rec.add_sanction("provisions", re.sub(r"^alt\.\s+", "", _strip_stop(text)))
        return True
    if m := _SANCTION_DATE_RE.match(text):
        prop = "listingDate" if m.group("label").lower() == "listing" else "startDate"
        dates = _dates(m.group("rest"))
        for date in dates:
            rec.add_sanction(prop, date)
        return bool(dates)
    m = _LABEL_RE.match(text)
    if m is None:
        return False
    kind, prop = _LABEL_INDEX[m.group("label").casefold()]
    rest = m.group("rest").strip()
    if not rest:
        return False
    if kind == "dates":
        dates = _dates(rest)
        for date in dates:
            rec.add(prop, date)
        return bool(dates)
    if kind == "name":
        quoted = _QUOTED.search(rest)
        rec.add(prop, quoted.group(1) if quoted else _strip_stop(rest))
        return True
    if kind == "link":
        target = _strip_stop(rest)
        if target:
            rec.links.append(target)
        return bool(target)
    if kind == "id":
        value = _id_value(rest)
        if value is None:
            return False
        if prop == "uscc":
            rec.add("uscCode", value)
            rec.add("registrationNumber", value)
        elif value.upper().startswith("IMO") and prop in (
            "imoNumber",
            "idNumber",
            "registrationNumber",
        ):
            rec.add("imoNumber", value)
        else:
            rec.add(prop, value)
        return True
    if kind == "phone":
        rec.add("phone", _strip_stop(rest))
        return True
    rec.add(prop, _strip_stop(rest))
    return True


def _apply_remarks(rec: _Record, remarks: str | None) -> int:
    """Parse OFAC remarks into ``rec``; keeps the full text as notes. Returns parts not read."""
    text = clean_text(remarks)
    if text is None:
        return 0
    rec.notes = text
    unread = 0
    for part in split_remarks(text):
        if not _apply_part(rec, part):
            unread += 1
    return unread


def _split_programs(value: str | None) -> list[str]:
    """``NPWMD] [IFSR`` -> ``["NPWMD", "IFSR"]``."""
    text = clean_text(value)
    if text is None:
        return []
    out: list[str] = []
    for piece in re.split(r"\]\s*\[", text):
        program = piece.strip(" []")
        if program and program not in out:
            out.append(program)
    return out


# ---------------------------------------------------------------------------
# Records -> FtM entities
# ---------------------------------------------------------------------------


def _key(name: str) -> str:
    """A name as compared for ``Linked To`` and alias de-duplication."""
    return " ".join(name.casefold().split()).strip(" .")


def _safe_add(proxy: EntityProxy, prop: str, value: str) -> bool:
    """Add a value FtM may reject; ``True`` if it was kept."""
    before = len(proxy.get(prop, quiet=True))
    try:
        proxy.add(prop, value, quiet=True)
    except (InvalidData, ValueError, TypeError):
        return False
    return len(proxy.get(prop, quiet=True)) > before


def _add_phone(proxy: EntityProxy, value: str) -> None:
    if _safe_add(proxy, "phone", value):
        return
    digits = re.sub(r"\D", "", value).lstrip("0")
    if len(digits) >= 8:
        _safe_add(proxy, "phone", f"+{digits}")


_NAME_PROPS = ("alias", "previousName", "weakAlias")


def _build(ctx: ParseContext, rec: _Record) -> tuple[EntityProxy, EntityProxy]:
    """The entity and its Sanction for one record."""
    if rec.kind in _SCHEMAS:
        schema = _SCHEMAS[rec.kind]
    else:
        names = [rec.name]
        for prop in _NAME_PROPS:
            names.extend(rec.props.get(prop, []))
        schema = org_schema(names)
    entity = ctx.make(schema, rec.source_id)
    entity.add("name", rec.name)
    if schema == "Person":
        _safe_add(entity, "firstName", rec.first_name or "")
        _safe_add(entity, "lastName", rec.last_name or "")
    seen = {_key(rec.name)}
    for prop in _NAME_PROPS:
        for name in rec.props.get(prop, []):
            if _key(name) not in seen:
                seen.add(_key(name))
                _safe_add(entity, prop, name)
    for prop, values in rec.props.items():
        if prop in _NAME_PROPS:
            continue
        for value in values:
            if prop == "phone":
                _add_phone(entity, value)
            else:
                _safe_add(entity, prop, value)
    entity.add("topics", "sanction")
    if rec.notes:
        entity.add("notes", rec.notes)
    props: dict[str, Any] = dict(rec.sanction)
    sanction = ctx.sanction(entity, AUTHORITY, rec.source_id, rec.programs, country="us", **props)
    return entity, sanction


def _emit(ctx: ParseContext, records: list[_Record]) -> Iterator[EntityProxy]:
    """Yield each record's entity and Sanction, then the resolved ``Linked To`` edges."""
    primary: dict[str, set[str]] = {}
    other: dict[str, set[str]] = {}
    ids: dict[str, str] = {}
    for rec in records:
        entity, sanction = _build(ctx, rec)
        ids[rec.source_id] = entity.id or ""
        primary.setdefault(_key(rec.name), set()).add(rec.source_id)
        for prop in _NAME_PROPS:
            for name in rec.props.get(prop, []):
                other.setdefault(_key(name), set()).add(rec.source_id)
        yield entity
        yield sanction
    unresolved = 0
    done: set[tuple[str, str]] = set()
    for rec in records:
        for target in rec.links:
            key = _key(target)
            found = primary.get(key) or other.get(key) or set()
            if len(found) != 1:
                unresolved += 1
                continue
            target_id = next(iter(found))
            if target_id == rec.source_id or (rec.source_id, target_id) in done:
                continue
            done.add((rec.source_id, target_id))
            link = model.make_entity("UnknownLink")
            link.id = ctx.make_id(rec.source_id, "linked", target_id)
            link.add("subject", ids[rec.source_id])
            link.add("object", ids[target_id])
            link.add("role", "Linked To")
            yield link
    if unresolved:
        log.info("%s: %d 'Linked To' names not found in the file", ctx.files.main, unresolved)


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------


def _read_text(ctx: ParseContext, path: Path) -> str:
    """The file's text, without OFAC's trailing 0x1A end-of-file byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ctx.error(None, f"cannot read the file: {exc.strerror or exc}", path) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.rstrip("\x1a\r\n")


def _csv_rows(ctx: ParseContext, path: Path, role: str) -> Iterator[tuple[int, list[str]]]:
    """Rows of one legacy CSV file with their line numbers, checked for shape."""
    columns = _CSV_COLUMNS[role]
    text = _read_text(ctx, path)
    if not text.strip():
        raise ctx.error(None, f"the file is empty (expected OFAC {_CSV_NAMES[role]} rows)", path)
    reader = csv.reader(io.StringIO(text, newline=""))
    first = True
    consumed = 0
    try:
        for row in reader:
            start, consumed = consumed + 1, reader.line_num
            if not row or (len(row) == 1 and not row[0].strip("\x1a \t")):
                continue
            if len(row) != len(columns):
                hint = ""
                if first:
                    hint = (
                        f"; this does not look like an OFAC {_CSV_NAMES[role]} file "
                        f"(columns: {', '.join(columns)})"
                    )
                raise ctx.error(
                    f"line {start}",
                    f"expected {len(columns)} columns, found {len(row)}{hint}",
                    path,
                )
            ent_num = row[0].strip()
            if not ent_num.isdigit():
                hint = ""
                if first:
                    hint = (
                        f"; OFAC {_CSV_NAMES[role]} files have no header row "
                        "and start with the numeric ent_num"
                    )
                raise ctx.error(
                    f"line {start}", f"ent_num {ent_num[:40]!r} is not a number{hint}", path
                )
            first = False
            yield start, row
    except csv.Error as exc:
        raise ctx.error(f"line {reader.line_num}", f"bad CSV: {exc}", path) from exc


def _csv_extras(
    ctx: ParseContext,
) -> tuple[
    dict[str, list[tuple[str, str, str | None]]],
    dict[str, list[list[str]]],
    dict[str, str],
]:
    """Aliases, addresses and remark spill-over from the companion files, by ent_num."""
    aliases: dict[str, list[tuple[str, str, str | None]]] = {}
    addresses: dict[str, list[list[str]]] = {}
    comments: dict[str, str] = {}
    extras = ctx.files.extras
    if "alt" in extras:
        path = extras["alt"]
        for line, row in _csv_rows(ctx, path, "alt"):
            alt_type = (clean_text(row[2]) or "aka").lower().replace(".", "")
            if alt_type not in _ALIAS_TYPES:
                raise ctx.error(f"line {line}", f"unknown alt_type {row[2]!r}", path)
            name = clean_text(row[3])
            if name is not None:
                aliases.setdefault(row[0].strip(), []).append((alt_type, name, clean_text(row[4])))
    if "add" in extras:
        for _line, row in _csv_rows(ctx, extras["add"], "add"):
            addresses.setdefault(row[0].strip(), []).append(row)
    if "comments" in extras:
        for _line, row in _csv_rows(ctx, extras["comments"], "comments"):
            ent_num = row[0].strip()
            comments[ent_num] = comments.get(ent_num, "") + row[1]
    return aliases, addresses, comments


def _tonnage(value: str | None) -> str | None:
    text = clean_text(value)
    return text.replace(",", "") if text else None


def parse_ofac_csv(ctx: ParseContext) -> Iterator[EntityProxy]:
    """Parse the legacy OFAC CSV set (sdn.csv or cons_prim.csv plus optional companions)."""
    aliases, addresses, comments = _csv_extras(ctx)
    records: list[_Record] = []
    seen: set[str] = set()
    for line, row in _csv_rows(ctx, ctx.files.main, "main"):
        ent_num = row[0].strip()
        if ent_num in seen:
            raise ctx.error(f"line {line}", f"ent_num {ent_num} appears twice")
        seen.add(ent_num)
        name = clean_text(row[1])
        if name is None:
            raise ctx.error(f"line {line}", f"ent_num {ent_num} has no SDN_Name")
        kind = (clean_text(row[2]) or "entity").lower()
        if kind not in ("individual", "entity", "vessel", "aircraft"):
            raise ctx.error(f"line {line}", f"unknown SDN_Type {row[2]!r}")
        rec = _Record(ent_num, f"line {line}", kind, name)
        if kind == "individual" and ", " in name:
            rec.last_name, rec.first_name = (p.strip() for p in name.split(", ", 1))
        rec.programs = _split_programs(row[3])
        rec.add("position", row[4])
        rec.add("callSign", row[5])
        rec.add("type", row[6])
        rec.add("tonnage", _tonnage(row[7]))
        rec.add("grossRegisteredTonnage", _tonnage(row[8]))
        rec.add("flag", row[9])
        owner = clean_text(row[10])
        if owner is not None:
            rec.add("description", f"Vessel owner: {owner}")
        remarks = row[11] if clean_text(row[11]) is not None else ""
        _apply_remarks(rec, remarks + comments.get(ent_num, ""))
        for alt_type, alt_name, alt_remarks in aliases.get(ent_num, []):
            prop = _ALIAS_TYPES[alt_type]
            if alt_remarks and "weak" in alt_remarks.lower():
                prop = "weakAlias"
            rec.add(prop, alt_name)
        for add in addresses.get(ent_num, []):
            _add_address(rec, [add[2]], add[3], None, None, add[4])
        records.append(rec)
    yield from _emit(ctx, records)


def _add_address(
    rec: _Record,
    street: Iterable[str | None],
    city: str | None,
    state: str | None,
    postal: str | None,
    country: str | None,
) -> None:
    """One address string ``street, city, state postal, country`` (the CSV form) + country."""
    place = ", ".join(p for p in (clean_text(city), clean_text(state)) if p)
    if postal := clean_text(postal):
        place = f"{place} {postal}".strip()
    parts = [clean_text(p) for p in street] + [place, clean_text(country)]
    text = ", ".join(p for p in parts if p)
    if text:
        rec.add("address", text)
    rec.add("country", country)


# ---------------------------------------------------------------------------
# XML
# ---------------------------------------------------------------------------


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _fields(el: Any) -> dict[str, str | None]:
    """Text of an element's leaf children by local name (first occurrence wins)."""
    out: dict[str, str | None] = {}
    for child in el:
        name = _local(child.tag)
        if name and name not in out:
            out[name] = clean_text(child.text)
    return out


def _xml_name(first: str | None, last: str | None) -> str | None:
    if first and last:
        return f"{last}, {first}"
    return last or first


def _xml_record(ctx: ParseContext, el: Any) -> _Record:
    """One ``sdnEntry`` element as a record."""
    where = f"line {el.sourceline}"
    values = _fields(el)
    uid = values.get("uid")
    if uid is None or not uid.isdigit():
        raise ctx.error(where, f"sdnEntry has no numeric uid (found {uid!r})")
    first, last = values.get("firstName"), values.get("lastName")
    name = _xml_name(first, last)
    if name is None:
        raise ctx.error(where, f"sdnEntry uid {uid} has no lastName")
    kind = (values.get("sdnType") or "entity").lower()
    if kind not in ("individual", "entity", "vessel", "aircraft"):
        raise ctx.error(where, f"sdnEntry uid {uid} has unknown sdnType {kind!r}")
    rec = _Record(uid, where, kind, name, first_name=first, last_name=last)
    rec.add("position", values.get("title"))
    for child in el:
        tag = _local(child.tag)
        if tag == "programList":
            for program in child:
                text = clean_text(program.text)
                if text and text not in rec.programs:
                    rec.programs.append(text)
        elif tag == "akaList":
            for aka in child:
                info = _fields(aka)
                aka_name = _xml_name(info.get("firstName"), info.get("lastName"))
                aka_type = (info.get("type") or "a.k.a.").lower().replace(".", "")
                prop = _ALIAS_TYPES.get(aka_type, "alias")
                if (info.get("category") or "").lower() == "weak" and prop == "alias":
                    prop = "weakAlias"
                rec.add(prop, aka_name)
        elif tag == "addressList":
            for address in child:
                info = _fields(address)
                street = (info.get("address1"), info.get("address2"), info.get("address3"))
                _add_address(
                    rec,
                    street,
                    info.get("city"),
                    info.get("stateOrProvince"),
                    info.get("postalCode"),
                    info.get("country"),
                )
        elif tag == "idList":
            for item in child:
                info = _fields(item)
                id_type = info.get("idType")
                number = info.get("idNumber")
                if id_type and number:
                    country = info.get("idCountry")
                    _apply_part(rec, f"{id_type} {number}" + (f" ({country})" if country else ""))
        elif tag in ("nationalityList", "citizenshipList"):
            prop = "nationality" if tag == "nationalityList" else "citizenship"
            for item in child:
                rec.add(prop, _fields(item).get("country"))
        elif tag == "dateOfBirthList":
            for item in child:
                for date in _dates(_fields(item).get("dateOfBirth") or ""):
                    rec.add("birthDate", date)
        elif tag == "placeOfBirthList":
            for item in child:
                rec.add("birthPlace", _fields(item).get("placeOfBirth"))
        elif tag == "vesselInfo":
            info = _fields(child)
            rec.add("callSign", info.get("callSign"))
            rec.add("type", info.get("vesselType"))
            rec.add("flag", info.get("vesselFlag"))
            rec.add("tonnage", _tonnage(info.get("tonnage")))
            rec.add("grossRegisteredTonnage", _tonnage(info.get("grossRegisteredTonnage")))
            owner = info.get("vesselOwner")
            if owner is not None:
                rec.add("description", f"Vessel owner: {owner}")
    _apply_remarks(rec, values.get("remarks"))
    return rec


_ROOT_TAG = re.compile(rb"<[A-Za-z_:]")


def _refuse_dtd(ctx: ParseContext, path: Path) -> None:
    """Refuse a file whose prolog declares a DTD or entities (XXE, billion laughs)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise ctx.error(None, f"cannot read the file: {exc.strerror or exc}", path) from exc
    m = _ROOT_TAG.search(head)
    prolog = head[: m.start()] if m else head
    if b"<!ENTITY" in prolog:
        raise ctx.error(
            "prolog", "the file contains an entity declaration (<!ENTITY>) and was refused", path
        )
    if b"<!DOCTYPE" in prolog:
        raise ctx.error("prolog", "the file contains a DTD (<!DOCTYPE>) and was refused", path)


def parse_ofac_xml(ctx: ParseContext) -> Iterator[EntityProxy]:
    """Parse an OFAC ``sdnList`` XML file (SDN.XML or CONSOLIDATED.XML), streaming and safely."""
    path = ctx.files.main
    _refuse_dtd(ctx, path)
    records: list[_Record] = []
    seen: set[str] = set()
    root_checked = False
    parser = etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, el in parser:
            if not root_checked:
                root_checked = True
                docinfo = el.getroottree().docinfo
                if docinfo.doctype or docinfo.internalDTD is not None:
                    raise ctx.error(
                        "prolog",
                        "the file contains an entity declaration / DTD and was refused",
                    )
                if _local(el.tag) != "sdnList":
                    raise ctx.error(
                        f"line {el.sourceline}",
                        f"not an OFAC sdnList XML file (root element <{_local(el.tag)}>)",
                    )
            if event != "end":
                continue
            tag = _local(el.tag)
            if tag == "sdnEntry":
                rec = _xml_record(ctx, el)
                if rec.source_id in seen:
                    raise ctx.error(rec.location, f"uid {rec.source_id} appears twice")
                seen.add(rec.source_id)
                records.append(rec)
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            elif tag in ("publshInformation", "publishInformation"):
                info = _fields(el)
                ctx.issued = iso_date(info.get("Publish_Date"), "mdy") or ctx.issued
                count = info.get("Record_Count")
                if count is not None and count.isdigit():
                    ctx.record_count = int(count)
                el.clear()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else (exc.position[0] if exc.position else None)
        where = f"line {line}" if line else None
        raise ctx.error(where, f"malformed XML: {exc.msg}") from exc
    except OSError as exc:
        raise ctx.error(None, f"cannot read the file: {exc}") from exc
    if not root_checked:
        raise ctx.error(None, "not an OFAC sdnList XML file (no root element)")
    if ctx.record_count is not None and ctx.record_count != len(records):
        log.warning(
            "%s: Record_Count says %d, found %d sdnEntry", path, ctx.record_count, len(records)
        )
    yield from _emit(ctx, records)
