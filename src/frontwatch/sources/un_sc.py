"""Parser for the UN Security Council Consolidated List (XML).

The file is ``CONSOLIDATED_LIST/{INDIVIDUALS/INDIVIDUAL, ENTITIES/ENTITY}``; the root's
``dateGenerated`` is the publication date. Each record becomes a ``Person`` (individuals)
or a ``Company``/``Organization`` (entities, chosen by :func:`org_schema`) whose id derives
from the UN ``REFERENCE_NUMBER`` via ``ctx.make`` (``IRe.055`` -> ``un-sc-IRe.055``), plus one
``Sanction``.

Mapping notes:

* The UN name parts are positional, not semantic: ``FIRST_NAME`` -> ``firstName``,
  ``SECOND_NAME`` -> ``secondName``, ``THIRD_NAME``/``FOURTH_NAME`` -> ``middleName``; no
  ``lastName`` is set because the list does not say which part is the family name.
* Alias ``QUALITY`` ``Good``/``a.k.a.`` -> ``alias``, ``Low`` -> ``weakAlias``,
  ``f.k.a.`` -> ``previousName``; ``NAME_ORIGINAL_SCRIPT`` -> ``alias``. Birth dates and
  places given on an alias are added to the person.
* Birth dates: ``DATE`` or ``YEAR`` (``EXACT``/``APPROXIMATELY``); ``BETWEEN`` adds both
  ``FROM_YEAR`` and ``TO_YEAR``; a date written only in ``NOTE`` (``Nov. 1973``) is used
  when nothing else is given.
* Relations: when ``COMMENTS1`` or a ``DESIGNATION`` cites the reference number of another
  record in the same file (``Associated with Al-Qaida (QDe.004)``, ``Head of Shahid Hemmat
  Industrial Group ... (designated under IRe.067)``), an ``UnknownLink`` is emitted
  (subject = the listed record, object = the cited one, ``description`` = the sentence;
  id ``un-sc-link-<from>-<to>``).
  Links are yielded after all listed entities, and only when the target exists.

The XML is parsed defensively: no network, no entity resolution, and any DOCTYPE (which is
where entity declarations live) is refused outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followthemoney.proxy import EntityProxy
from lxml import etree

from frontwatch.sources.base import ParseContext, clean_text, iso_date, org_schema

AUTHORITY = "United Nations Security Council"
ROOT_TAG = "CONSOLIDATED_LIST"
LINK_ROLE = "Cited in the UN listing"

_REF = re.compile(r"\b([A-Z]{2}[ie]\.\d{3})\b")
_ISO_PREFIX = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
_PASSPORT_WORDS = ("passport", "passeport", "pasaporte")
_ALIAS_PROPS = {
    "good": "alias",
    "a.k.a.": "alias",
    "a.k.a": "alias",
    "low": "weakAlias",
    "f.k.a.": "previousName",
    "f.k.a": "previousName",
}


def _text(el: etree._Element, path: str) -> str | None:
    return clean_text(el.findtext(path))


def _texts(el: etree._Element, path: str) -> list[str]:
    out = []
    for child in el.iterfind(path):
        value = clean_text(child.text)
        if value:
            out.append(value)
    return out


def _un_date(text: str | None) -> str | None:
    """``2015-04-07-04:00`` (date with a zone offset) -> ``2015-04-07``; else ``iso_date``."""
    value = clean_text(text)
    if value is None:
        return None
    if m := _ISO_PREFIX.match(value):
        return iso_date(m.group(1))
    return iso_date(value)


def _join(el: etree._Element, *paths: str) -> str | None:
    parts = [_text(el, p) for p in paths]
    joined = ", ".join(p for p in parts if p)
    return joined or None


def _where(el: etree._Element) -> str:
    return f"line {el.sourceline}, <{el.tag}>"


def _syntax_location(exc: etree.XMLSyntaxError) -> tuple[str | None, str]:
    """Line and message of a parser error.

    With ``resolve_entities=False`` lxml may report ``no element found (line 0)``; the real
    error is then the newest entry of the error log (which also holds older errors).
    """
    line, message = exc.lineno, exc.msg
    if not line:
        last = exc.error_log.last_error
        if last is not None and last.line:
            line, message = last.line, last.message
    return (f"line {line}" if line else None), message


def _add_birth_dates(person: EntityProxy, node: etree._Element) -> None:
    kind = (_text(node, "TYPE_OF_DATE") or "").upper()
    dates: list[str | None] = []
    if kind == "BETWEEN":
        dates = [iso_date(_text(node, "FROM_YEAR")), iso_date(_text(node, "TO_YEAR"))]
    dates.append(_un_date(_text(node, "DATE")))
    dates.append(iso_date(_text(node, "YEAR")))
    found = [d for d in dates if d]
    if not found:
        note = iso_date(_text(node, "NOTE"))
        found = [note] if note else []
    person.add("birthDate", found, quiet=True)


def _add_document(person: EntityProxy, node: etree._Element) -> None:
    number = _text(node, "NUMBER")
    if number is None:
        return
    kind = " ".join(_texts(node, "TYPE_OF_DOCUMENT") + _texts(node, "TYPE_OF_DOCUMENT2"))
    if any(word in kind.lower() for word in _PASSPORT_WORDS):
        person.add("passportNumber", number, quiet=True)
    else:
        person.add("idNumber", number, quiet=True)


def _add_aliases(proxy: EntityProxy, record: etree._Element, tag: str) -> None:
    for node in record.iterfind(tag):
        name = _text(node, "ALIAS_NAME")
        if name is None:
            continue
        quality = (_text(node, "QUALITY") or "").lower()
        proxy.add(_ALIAS_PROPS.get(quality, "alias"), name, quiet=True)
        if proxy.schema.is_a("Person"):
            proxy.add("birthDate", _un_date(_text(node, "DATE_OF_BIRTH")), quiet=True)
            place = ", ".join(
                p for p in (_text(node, "CITY_OF_BIRTH"), _text(node, "COUNTRY_OF_BIRTH")) if p
            )
            proxy.add("birthPlace", place or None, quiet=True)
            proxy.add("birthCountry", _text(node, "COUNTRY_OF_BIRTH"), quiet=True)


def _add_addresses(proxy: EntityProxy, record: etree._Element, tag: str) -> None:
    for node in record.iterfind(tag):
        full = _join(node, "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
        proxy.add("address", full, quiet=True)
        proxy.add("country", _text(node, "COUNTRY"), quiet=True)


def _record(
    ctx: ParseContext, record: etree._Element
) -> tuple[EntityProxy, EntityProxy, str, list[str]]:
    """The entity and Sanction for one INDIVIDUAL/ENTITY element, its reference and texts."""
    ref = _text(record, "REFERENCE_NUMBER")
    if ref is None:
        raise ctx.error(_where(record), "record has no REFERENCE_NUMBER")
    parts = [_text(record, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    name = " ".join(p for p in parts if p)
    if not name:
        raise ctx.error(_where(record), f"record {ref} has no name")
    individual = record.tag == "INDIVIDUAL"
    if individual:
        proxy = ctx.make("Person", ref)
    else:
        aliases = [_text(a, "ALIAS_NAME") for a in record.iterfind("ENTITY_ALIAS")]
        proxy = ctx.make(org_schema([name, *aliases]), ref)
    proxy.add("name", name)
    proxy.add("alias", _texts(record, "NAME_ORIGINAL_SCRIPT"), quiet=True)
    proxy.add("topics", "sanction")
    comments = _text(record, "COMMENTS1")
    proxy.add("notes", comments, quiet=True)

    if individual:
        first, second, third, fourth = parts
        proxy.add("firstName", first, quiet=True)
        proxy.add("secondName", second, quiet=True)
        proxy.add("middleName", [third, fourth], quiet=True)
        proxy.add("gender", _text(record, "GENDER"), quiet=True)
        proxy.add("title", _texts(record, "TITLE/VALUE"), quiet=True)
        proxy.add("position", _texts(record, "DESIGNATION/VALUE"), quiet=True)
        proxy.add("nationality", _texts(record, "NATIONALITY/VALUE"), quiet=True)
        _add_aliases(proxy, record, "INDIVIDUAL_ALIAS")
        _add_addresses(proxy, record, "INDIVIDUAL_ADDRESS")
        for node in record.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
            _add_birth_dates(proxy, node)
        for node in record.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
            place = _join(node, "STREET", "CITY", "STATE_PROVINCE", "COUNTRY")
            proxy.add("birthPlace", place, quiet=True)
            proxy.add("birthCountry", _text(node, "COUNTRY"), quiet=True)
        for node in record.iterfind("INDIVIDUAL_DOCUMENT"):
            _add_document(proxy, node)
    else:
        _add_aliases(proxy, record, "ENTITY_ALIAS")
        _add_addresses(proxy, record, "ENTITY_ADDRESS")

    listed_raw = _text(record, "LISTED_ON")
    listed = _un_date(listed_raw)
    if listed_raw and listed is None:
        raise ctx.error(_where(record), f"record {ref}: LISTED_ON {listed_raw!r} is not a date")
    updated = [d for d in (_un_date(v) for v in _texts(record, "LAST_DAY_UPDATED/VALUE")) if d]
    program = _text(record, "UN_LIST_TYPE")
    sanction = ctx.sanction(
        proxy,
        AUTHORITY,
        ref,
        [program] if program else [],
        listingDate=listed,
        unscId=ref,
        modifiedAt=max(updated) if updated else None,
    )
    texts = [comments] if comments else []
    texts.extend(_texts(record, "DESIGNATION/VALUE"))
    return proxy, sanction, ref, texts


def _links(
    ctx: ParseContext, cited: dict[str, list[tuple[str, str]]], ids: dict[str, str]
) -> Iterator[EntityProxy]:
    for ref, mentions in cited.items():
        for target, sentence in mentions:
            if target not in ids:
                continue
            link = ctx.make("UnknownLink")
            link.id = ctx.make_id("link", ref, target)
            link.add("subject", ids[ref])
            link.add("object", ids[target])
            link.add("role", LINK_ROLE)
            link.add("description", sentence, quiet=True)
            yield link


def _citations(ref: str, texts: list[str]) -> list[tuple[str, str]]:
    """Other reference numbers cited in a record's texts, each with the citing sentence."""
    found: dict[str, str] = {}
    for text in texts:
        for sentence in _SENTENCE.split(text):
            for target in _REF.findall(sentence):
                if target != ref and target not in found:
                    found[target] = sentence.strip()
    return list(found.items())


def parse_un_xml(ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield the entities, Sanctions and cited-record links of a UN SC consolidated XML file."""
    path = ctx.files.main
    events = etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    ids: dict[str, str] = {}
    cited: dict[str, list[tuple[str, str]]] = {}
    root: etree._Element | None = None
    try:
        for event, el in events:
            if root is None:
                root = el
                docinfo = el.getroottree().docinfo
                if docinfo.doctype or docinfo.internalDTD is not None:
                    raise ctx.error(
                        "DOCTYPE",
                        "DTD / entity declarations are not allowed in a UN list; refused",
                    )
                if el.tag != ROOT_TAG:
                    raise ctx.error(
                        _where(el),
                        f"not a UN consolidated list (root element <{el.tag}>, "
                        f"expected <{ROOT_TAG}>)",
                    )
                generated = el.get("dateGenerated")
                ctx.issued = _un_date(generated[:10]) if generated else None
                continue
            if event != "end" or el.tag not in ("INDIVIDUAL", "ENTITY"):
                continue
            proxy, sanction, ref, texts = _record(ctx, el)
            if ref in ids:
                raise ctx.error(_where(el), f"reference number {ref} appears twice")
            ids[ref] = str(proxy.id)
            cited[ref] = _citations(ref, texts)
            el.clear(keep_tail=True)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
            yield proxy
            yield sanction
    except etree.XMLSyntaxError as exc:
        location, message = _syntax_location(exc)
        raise ctx.error(location, f"malformed or truncated XML: {message}") from exc
    if root is None:
        raise ctx.error(None, "empty file: not a UN consolidated list")
    yield from _links(ctx, cited, ids)
