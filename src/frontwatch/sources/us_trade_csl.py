"""Parser for the trade.gov Consolidated Screening List (CSL) CSV.

The CSL merges eleven-odd US lists; the ``source`` column names the sub-list, e.g.
``Entity List (EL) - Bureau of Industry and Security``. Every data row becomes one entity
plus one ``Sanction``:

* Schema: ``type`` ``Individual`` -> ``Person``, ``Vessel`` -> ``Vessel``, ``Entity`` ->
  :func:`org_schema` (``Company``/``Organization``). BIS and State rows leave ``type``
  empty and mix people and firms, so they become ``Company`` when a name carries a legal
  form and ``LegalEntity`` otherwise.
* Ids: the CSL's own reference is ``entity_number`` where present (Treasury lists) and
  ``_id`` otherwise (BIS/State lists). The same ``entity_number`` recurs across sub-lists
  (e.g. SDN and PLC, SSI and NS-MBS), so the id **always** includes the sub-list
  abbreviation: ``us-trade-csl-SDN-9647``, ``us-trade-csl-PLC-9647``,
  ``us-trade-csl-EL-<_id>``. Always (rather than only on a clash) keeps an entity's id
  stable when another sub-list later lists the same number. Should one sub-list repeat a
  reference, the later rows get ``-2``, ``-3``... The Sanction's ``authorityId`` keeps
  the bare reference.
* Sanction: ``authority`` = the sub-list name, ``programId`` = its abbreviation (``EL``,
  ``SDN``, ``DPL``, ``MEU``...), ``program`` = each of ``programs``, ``listingDate`` =
  ``start_date``, ``endDate`` = ``end_date``, ``sourceUrl`` = ``source_list_url``,
  ``programUrl`` = ``source_information_url``, ``description`` = the Federal Register
  notice, ``provisions`` = licence requirement/policy, standard order and the directive
  and secondary-sanctions statements found in ``ids``.
* ``alt_names`` -> ``alias``; the Entity List's "``...; and NAME``" loses its "and". A
  name with clauses written into it ("``; and any successor, sub-unit, or subsidiary
  thereof``", "``, and its sub-units and successors``", "``(f.k.a., Y)``", "``, a.k.a.
  Y``", "``, and subordinate entity Y``") is kept as published, its bare part is added
  as an ``alias``, an a.k.a. or a subordinate entity as an ``alias`` and an f.k.a. as a
  ``previousName`` (:func:`frontwatch.sources.base.published_name`); alternative names
  are split the same way.
* ``ids`` (``Label, value[, country][, date]; ...``) go to FtM identifier properties by
  label (passport, registration, tax, SWIFT, LEI, ISIN, IMO ...); labels without a
  property are kept in ``notes`` as ``Label: value``.

The header must name the CSL columns; repeats of the header line are skipped. A row with
the wrong number of columns is an error naming its line, except a last record cut off by
the end of the file (the file does not end in a newline): it is kept with the fields that
arrived whole, and a warning is logged. The partial snapshot in the test data ends so.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from functools import lru_cache

from followthemoney import registry
from followthemoney.proxy import EntityProxy

from frontwatch.sources.base import (
    ParseContext,
    clean_text,
    iso_date,
    org_schema,
    published_name,
    split_list,
)

log = logging.getLogger(__name__)

COLUMNS = [
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
]
_ABBREVIATION = re.compile(r"\(([^)]+)\)")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_CIRCA = re.compile(r"^(circa|ca\.?|approx\.?|approximately|about)\s+", re.IGNORECASE)
_AND = re.compile(r"^and\s+")  # the EL writes its last alias as "...; and NAME"
_PROVISION_LABEL = re.compile(
    r"directive|sanction|caatsa|ifca|transactions prohibited|\(cmic\)|listing date|"
    r"effective date",
    re.IGNORECASE,
)

# ids label (lower case) -> FtM property. The value is the part after the label.
_ID_PROPS: dict[str, str] = {
    "passport": "passportNumber",
    "diplomatic passport": "passportNumber",
    "british national overseas passport": "passportNumber",
    "travel document number": "passportNumber",
    "registration id": "registrationNumber",
    "registration number": "registrationNumber",
    "business registration document #": "registrationNumber",
    "business registration number": "registrationNumber",
    "public registration number": "registrationNumber",
    "government gazette number": "registrationNumber",
    "certificate of incorporation number": "registrationNumber",
    "company number": "registrationNumber",
    "uk company number": "registrationNumber",
    "c.r. no.": "registrationNumber",
    "registered charity no.": "registrationNumber",
    "unified social credit code (uscc)": "registrationNumber",
    "tax id no.": "taxNumber",
    "r.f.c.": "taxNumber",
    "rfc": "taxNumber",
    "nit #": "taxNumber",
    "ruc #": "taxNumber",
    "c.u.i.t.": "taxNumber",
    "us fein": "taxNumber",
    "italian fiscal code": "taxNumber",
    "paraguayan tax identification number": "taxNumber",
    "v.a.t. number": "vatCode",
    "swift/bic": "swiftBic",
    "legal entity number": "leiCode",
    "isin": "isinCode",
    "equity ticker": "ticker",
    "bik (ru)": "bikCode",
    "website": "website",
    "email address": "email",
    "gender": "gender",
    "ssn": "socialSecurityNumber",
    "license": "licenseNumber",
    "vessel registration identification": "imoNumber",
    "nationality country": "nationality",
    "nationality of registration": "jurisdiction",
    "organization established date": "incorporationDate",
    "issuer name": "alias",
    "cedula no.": "idNumber",
    "national id no.": "idNumber",
    "d.n.i.": "idNumber",
    "c.u.r.p.": "idNumber",
    "electoral registry no.": "idNumber",
    "identification number": "idNumber",
    "credencial electoral": "idNumber",
    "driver's license no.": "idNumber",
    "national foreign id number": "idNumber",
    "kenyan id no.": "idNumber",
    "moroccan personal id no.": "idNumber",
    "bosnian personal id no.": "idNumber",
    "personal id card": "idNumber",
    "public security and immigration no.": "idNumber",
    "immigration no.": "idNumber",
    "visanumberid": "idNumber",
    "serial no.": "idNumber",
    "le number": "idNumber",
}
# Props whose value is the whole text after the label (it may hold commas).
_WHOLE_VALUE = {"alias", "jurisdiction", "nationality", "incorporationDate", "gender"}


@lru_cache(maxsize=256)
def _url(value: str | None) -> str | None:
    """A cleaned URL; the CSL repeats a handful of URLs thousands of times."""
    return registry.url.clean(value) if value else None


def _abbreviation(source: str) -> str:
    """``Entity List (EL) - Bureau of Industry and Security`` -> ``EL``."""
    m = _ABBREVIATION.search(source)
    return m.group(1).strip() if m else source


def _schema(kind: str | None, names: list[str]) -> str:
    kind = (kind or "").lower()
    if kind == "individual":
        return "Person"
    if kind == "vessel":
        return "Vessel"
    if kind == "entity":
        return org_schema(names)
    return "Company" if org_schema(names) == "Company" else "LegalEntity"


def _birth_date(text: str) -> str | None:
    return iso_date(_CIRCA.sub("", text))


def _label(label: str) -> str:
    return label.strip().rstrip(":-").strip()


def _add_ids(proxy: EntityProxy, sanction: EntityProxy, value: str | None) -> None:
    """Spread the ``ids`` field over identifier properties, notes and provisions."""
    for item in split_list(value):
        label, _, rest = item.partition(",")
        rest = rest.strip()
        if not rest:
            proxy.add("notes", item, quiet=True)
            continue
        prop = _ID_PROPS.get(label.strip().lower())
        if prop is not None and proxy.schema.get(prop) is not None:
            # An identifier is followed by its country and issue date; other values may
            # hold commas themselves.
            text = rest if prop in _WHOLE_VALUE else rest.split(",")[0].strip()
            before = len(proxy.get(prop))
            if prop == "incorporationDate":
                proxy.add(prop, iso_date(text), quiet=True)
            else:
                proxy.add(prop, text, quiet=True)
            if len(proxy.get(prop)) > before or text in proxy.get(prop):
                continue
        text = f"{_label(label)}: {rest}"
        if _PROVISION_LABEL.search(label):
            sanction.add("provisions", text, quiet=True)
        else:
            proxy.add("notes", text, quiet=True)


def _add_addresses(proxy: EntityProxy, value: str | None) -> None:
    for address in split_list(value):
        proxy.add("address", address, quiet=True)
        tail = address.rsplit(",", 1)[-1].strip()
        if _COUNTRY_CODE.match(tail):
            proxy.add("country", tail, quiet=True)


def _date(ctx: ParseContext, line: int, column: str, value: str | None) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    date = iso_date(text)
    if date is None:
        raise ctx.error(f"line {line}", f"{column} {text!r} is not a date")
    return date


class _Row:
    """One data row addressed by column name."""

    def __init__(self, index: dict[str, int], values: list[str]) -> None:
        self.index = index
        self.values = values

    def get(self, column: str) -> str | None:
        pos = self.index.get(column)
        if pos is None or pos >= len(self.values):
            return None
        return clean_text(self.values[pos])


def _entity(
    ctx: ParseContext, line: int, row: _Row, seen: dict[str, int]
) -> tuple[EntityProxy, EntityProxy]:
    source = row.get("source")
    name = row.get("name")
    if not source or not name:
        raise ctx.error(f"line {line}", "row without a source or name")
    abbr = _abbreviation(source)
    ref = row.get("entity_number") or row.get("_id")
    if not ref:
        raise ctx.error(f"line {line}", "row without _id or entity_number")
    published = published_name(name)
    aliases: list[str] = list(published.aliases)
    previous: list[str] = list(published.previous)
    for alt in split_list(row.get("alt_names")):
        alt_parts = published_name(_AND.sub("", alt))
        aliases += [alt_parts.bare, *alt_parts.aliases]
        previous += alt_parts.previous
    bare = published.bare
    key = f"{abbr}\x00{ref}"
    seen[key] = seen.get(key, 0) + 1
    count = seen[key]

    proxy = ctx.make(_schema(row.get("type"), [name, *aliases]))
    proxy.id = ctx.make_id(abbr, ref, count if count > 1 else None)
    proxy.add("name", name)
    if bare and bare != name:
        proxy.add("alias", bare, quiet=True)
    proxy.add("alias", aliases, quiet=True)
    proxy.add("previousName", previous, quiet=True)
    proxy.add("topics", "sanction")
    if source.endswith("Bureau of Industry and Security"):
        proxy.add("topics", "export.control", quiet=True)
    proxy.add("notes", row.get("remarks"), quiet=True)
    _add_addresses(proxy, row.get("addresses"))

    title = row.get("title")
    if proxy.schema.is_a("Person"):
        proxy.add("position", title, quiet=True)
        for dob in split_list(row.get("dates_of_birth")):
            proxy.add("birthDate", _birth_date(dob), quiet=True)
        proxy.add("birthPlace", split_list(row.get("places_of_birth")), quiet=True)
        proxy.add("nationality", split_list(row.get("nationalities")), quiet=True)
        proxy.add("citizenship", split_list(row.get("citizenships")), quiet=True)
    elif title:
        proxy.add("notes", f"Title: {title}", quiet=True)
    if proxy.schema.is_a("Vessel"):
        proxy.add("callSign", row.get("call_sign"), quiet=True)
        proxy.add("type", row.get("vessel_type"), quiet=True)
        proxy.add("tonnage", row.get("gross_tonnage"), quiet=True)
        proxy.add("grossRegisteredTonnage", row.get("gross_registered_tonnage"), quiet=True)
        proxy.add("flag", row.get("vessel_flag"), quiet=True)
        owner = row.get("vessel_owner")
        if owner:
            proxy.add("notes", f"Owner: {owner}", quiet=True)

    sanction = ctx.sanction(
        proxy,
        source,
        ref,
        split_list(row.get("programs")),
        programId=abbr,
        listingDate=_date(ctx, line, "start_date", row.get("start_date")),
        endDate=_date(ctx, line, "end_date", row.get("end_date")),
        description=row.get("federal_register_notice"),
    )
    for prop, column in (
        ("sourceUrl", "source_list_url"),
        ("programUrl", "source_information_url"),
    ):
        url = _url(row.get(column))
        if url:
            sanction.add(prop, url, cleaned=True)
    for column, label in (
        ("license_requirement", "License requirement"),
        ("license_policy", "License policy"),
        ("standard_order", "Standard order"),
    ):
        text = row.get(column)
        if text:
            sanction.add("provisions", f"{label}: {text}", quiet=True)
    _add_ids(proxy, sanction, row.get("ids"))
    return proxy, sanction


def _cell(row: list[str], pos: int) -> str:
    return row[pos].strip() if pos < len(row) else ""


def _ends_with_newline(ctx: ParseContext) -> bool:
    with open(ctx.files.main, "rb") as fh:
        fh.seek(0, 2)
        if fh.tell() == 0:
            return True
        fh.seek(-1, 2)
        return fh.read(1) in (b"\n", b"\r")


def parse_csl_csv(ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield one entity and one Sanction per row of a trade.gov CSL CSV file."""
    path = ctx.files.main
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader, None)
            if header is None:
                raise ctx.error(None, "empty file: not a Consolidated Screening List CSV")
            header = [h.strip() for h in header]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                shown = ", ".join(missing[:5]) + (
                    f" (+{len(missing) - 5} more)" if len(missing) > 5 else ""
                )
                raise ctx.error(
                    "line 1",
                    f"not a Consolidated Screening List CSV: the header lacks {shown}",
                )
            index = {name: i for i, name in enumerate(header)}
            width = len(header)
            seen: dict[str, int] = {}
            line = reader.line_num + 1
            row = next(reader, None)
            while row is not None:
                following_line = reader.line_num + 1
                following = next(reader, None)
                if not row or not any(v.strip() for v in row):
                    pass
                elif _cell(row, index["source"]) == "source":
                    pass  # the header repeated mid-file
                else:
                    if len(row) != width:
                        row = _cut_off(ctx, line, row, width, index, following is None)
                    yield from _entity(ctx, line, _Row(index, row), seen)
                line, row = following_line, following
        except csv.Error as exc:
            raise ctx.error(f"line {reader.line_num}", f"malformed CSV: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise ctx.error(None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _cut_off(
    ctx: ParseContext, line: int, row: list[str], width: int, index: dict[str, int], last: bool
) -> list[str]:
    """A short last record cut off by the end of the file, else a wrong column count error."""
    complete = len(row) - 1  # the last field that arrived is itself cut off
    truncated = last and len(row) < width and complete > index["name"]
    if not truncated or _ends_with_newline(ctx):
        raise ctx.error(f"line {line}", f"expected {width} columns, found {len(row)}")
    kept = row[:complete]
    partial = row[complete]
    if ";" in partial:
        kept.append(partial.rsplit(";", 1)[0])
    log.warning(
        "%s, line %d: last record cut off by the end of the file after column %r; kept the "
        "complete fields",
        ctx.files.main,
        line,
        list(index)[complete],
    )
    return kept
