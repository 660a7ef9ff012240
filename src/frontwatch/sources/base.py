"""The contract every list parser follows, and the helpers they share.

A parser is a function ``parse(ctx: ParseContext) -> Iterator[EntityProxy]``.
It reads the files named in ``ctx.files``, yields FollowTheMoney entities and
may set ``ctx.issued`` (the publication date the file states, ISO format) and
``ctx.record_count`` (how many records the publisher says the file holds).
Errors in the input are raised with ``ctx.error(location, message)`` so the
user is told which file and which line or element is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from followthemoney import model
from followthemoney.proxy import EntityProxy

# The source names, following the convention of the field (OpenSanctions).
SOURCES: dict[str, str] = {
    "us_ofac_sdn": "US OFAC Specially Designated Nationals (SDN) List",
    "us_ofac_cons": "US OFAC Consolidated (non-SDN) Sanctions List",
    "un_sc": "UN Security Council Consolidated List",
    "us_trade_csl": "US trade.gov Consolidated Screening List",
    "us_bis_dpl": "US BIS Denied Persons List",
    "eu_fsf": "EU Financial Sanctions Files (FSF)",
    "gb_hmt": "UK Sanctions List (HM Treasury / FCDO)",
}


class ListParseError(Exception):
    """A list file could not be read: names the file and where in it."""

    def __init__(self, path: Path | str, location: str | None, message: str) -> None:
        self.path = str(path)
        self.location = location
        self.message = message
        where = f"{self.path}, {location}" if location else self.path
        super().__init__(f"{where}: {message}")


@dataclass
class ListFiles:
    """The file(s) that make one version of one list.

    ``main`` is the principal file; ``extras`` holds companion files by role
    (for the OFAC CSV set: ``add``, ``alt``, ``comments``).
    """

    source: str
    format: str
    main: Path
    extras: dict[str, Path] = field(default_factory=dict)

    @property
    def paths(self) -> list[Path]:
        """All files of this set, main first."""
        return [self.main, *self.extras.values()]


@dataclass
class ParseContext:
    """What a parser gets: the files, and helpers that stamp provenance."""

    files: ListFiles
    issued: str | None = None
    record_count: int | None = None

    @property
    def source(self) -> str:
        return self.files.source

    def make_id(self, *parts: object) -> str:
        """A stable entity id: the source name plus the source's own reference."""
        return make_entity_id(self.source, *parts)

    def make(self, schema: str, source_id: object | None = None) -> EntityProxy:
        """A new entity of ``schema`` whose id derives from ``source_id``."""
        proxy = model.make_entity(schema)
        if source_id is not None:
            proxy.id = self.make_id(source_id)
        return proxy

    def sanction(
        self,
        entity: EntityProxy,
        authority: str,
        source_id: object,
        programs: Iterable[str] = (),
        **props: object,
    ) -> EntityProxy:
        """The Sanction entity that records why and by whom ``entity`` is listed."""
        sanction = model.make_entity("Sanction")
        sanction.id = f"{entity.id}-sanction"
        sanction.add("entity", entity.id)
        sanction.add("authority", authority)
        sanction.add("authorityId", str(source_id))
        for program in programs:
            sanction.add("program", program)
        for prop, value in props.items():
            if value is not None and value != "":
                sanction.add(prop, value)  # type: ignore[arg-type]
        return sanction

    def error(self, location: str | None, message: str, path: Path | None = None) -> ListParseError:
        """An error to raise for bad input, naming the file and location."""
        return ListParseError(path or self.files.main, location, message)


Parser = Callable[[ParseContext], Iterator[EntityProxy]]


_UNSAFE_ID = re.compile(r"[^A-Za-z0-9._]+")


def make_entity_id(source: str, *parts: object) -> str:
    """An entity id from source and reference: ``un_sc`` + ``IRe.055`` -> ``un-sc-IRe.055``.

    The source's own reference is kept as published (case, dots) so that it can
    be read back from the id; other characters become ``-``.
    """
    tail = "-".join(str(p) for p in parts if p is not None and str(p) != "")
    safe = _UNSAFE_ID.sub("-", tail).strip("-") or "x"
    return f"{source.replace('_', '-')}-{safe}"


_WS = re.compile(r"\s+")


def clean_text(value: str | None) -> str | None:
    """Strip and collapse white space; ``None`` for empty and OFAC's ``-0-`` nulls."""
    if value is None:
        return None
    text = _WS.sub(" ", value).strip()
    if text in ("", "-0-"):
        return None
    return text


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DMY = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})$")
_MY = re.compile(r"^([A-Za-z]{3})[a-z]*\.?[ -](\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def iso_date(text: str | None, slash_order: str = "mdy") -> str | None:
    """A published date as ISO ``YYYY[-MM[-DD]]``; ``None`` if it is not a date.

    Understands ``10 Sep 1981``, ``Sep 1981``, ``1981``, ``1981-09-10`` and
    ``09/10/1981`` (``slash_order`` says whether that is month/day or day/month).
    """
    value = clean_text(text)
    if value is None:
        return None
    value = value.strip(" .")
    if m := _ISO.match(value):
        year, month, day = m.groups()
        return _join(int(year), month and int(month), day and int(day))
    if m := _DMY.match(value):
        month = _MONTHS.get(m.group(2).lower())
        return _join(int(m.group(3)), month, int(m.group(1))) if month else None
    if m := _MY.match(value):
        month = _MONTHS.get(m.group(1).lower())
        return _join(int(m.group(2)), month, None) if month else None
    if m := _SLASH.match(value):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month, day = (a, b) if slash_order == "mdy" else (b, a)
        return _join(year, month, day)
    return None


def _join(year: int, month: int | None | str, day: int | None | str) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if not month:
        return f"{year:04d}"
    if not 1 <= int(month) <= 12:
        return None
    if not day:
        return f"{year:04d}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year:04d}-{int(month):02d}-{int(day):02d}"


_LEGAL_FORM = re.compile(
    r"\b(co|corp|corporation|company|companies|ltd|limited|llc|l\.l\.c|inc|incorporated|gmbh|ag|sa|"
    r"s\.a|sarl|srl|spa|bv|nv|plc|llp|lp|jsc|ojsc|cjsc|pjsc|ooo|zao|oao|pao|ao|fze|fzco|fzc|"
    r"fz-llc|pte|pvt|sdn bhd|bhd|kg|as|ab|oy|tov|sherkat|sherkate|youxian gongsi|gongsi|"
    r"trading|enterprises?|industries|industrial|group|holding|holdings)\b\.?",
    re.IGNORECASE,
)
_LEGAL_FORM_SCRIPT = re.compile(r"(有限公司|公司|集团|ООО|ОАО|ЗАО|ПАО|АО)")


def org_schema(names: Iterable[str | None]) -> str:
    """``Company`` when a name carries a legal form or business word, else ``Organization``."""
    for name in names:
        if not name:
            continue
        if _LEGAL_FORM.search(name) or _LEGAL_FORM_SCRIPT.search(name):
            return "Company"
    return "Organization"


def split_list(value: str | None, sep: str = ";") -> list[str]:
    """Split a delimited field into cleaned, non-empty parts."""
    if value is None:
        return []
    parts = (clean_text(p) for p in value.split(sep))
    return [p for p in parts if p]


def iter_unique(values: Iterable[str]) -> Iterator[str]:
    """Values in order, without repeats."""
    seen: set[str] = set()
    for value in values:
        if value not in seen:
            seen.add(value)
            yield value


@dataclass
class PublishedName:
    """A name as a US list publishes it, with the other names written into it.

    The Entity List and the State Department's lists write clauses into the name:
    "X; and any successor, sub-unit, or subsidiary thereof", "X, and its sub-units and
    successors", "X (f.k.a., Y)", "X, a.k.a. Y", "PEARL (A.K.A. NEI-CHIEN CHU) LI",
    "X, and subordinate entity Y". ``bare`` is the name without them; ``aliases`` and
    ``previous`` the names they give (subordinate entities are aliases: the entry is
    theirs).
    """

    bare: str
    aliases: list[str] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)


_SUCCESSORS = re.compile(
    r"\s*[;,]?\s*\band\s+(?:any\s+successors?|its\s+sub-?units)\b.*$", re.IGNORECASE
)
_KA = r"(?P<kind>[af])\.\s?k\.\s?a\.?"
# "(f.k.a., Y)" anywhere; one level of parentheses inside Y ("... Ltd. (Chitron-Shenzhen)").
_KA_BRACKETED = re.compile(
    r"\s*\(\s*" + _KA + r"\s*,?\s*(?P<other>[^()]*(?:\([^()]*\)[^()]*)*)\)", re.IGNORECASE
)
_KA_TRAILING = re.compile(r"\s*[,;]\s*" + _KA + r"\s*,?\s*(?P<other>.+)$", re.IGNORECASE)
_SUBORDINATE = re.compile(
    r"\s*,?\s*\band\s+subordinate\s+entit(?:y|ies)\s+(?P<other>.+)$", re.IGNORECASE
)


def published_name(name: str) -> PublishedName:
    """Split the clauses a US list writes into a name (see ``PublishedName``)."""
    out = PublishedName(bare=name)
    text = _SUCCESSORS.sub("", name)

    def other_name(match: re.Match[str]) -> str:
        other = clean_text(match.group("other").strip(" ,;"))
        if other:
            if match.group("kind").lower() == "f":
                out.previous.append(other)
            else:
                out.aliases.append(other)
        return " "

    text = _KA_BRACKETED.sub(other_name, text)
    text = _KA_TRAILING.sub(other_name, text)
    sub = _SUBORDINATE.search(text)
    if sub is not None:
        other = clean_text(sub.group("other").strip(" ,;"))
        if other:
            out.aliases.append(other)
        text = text[: sub.start()]
    out.bare = clean_text(text.strip(" ,;")) or name
    return out
