"""The evaluation set of the screening benchmark (``bench/bench_screen.py``).

Built from the real lists, deterministic for a seed. Every query knows the entity it
should find (``expected``), or that it should find nothing (a negative).

Held back (removed from the index that is screened, so only the entity's *other*
names can find it):

- ``alias_holdout``: an alias (or former name) of an entity with several names, when
  the alias is a variant of one of the entity's remaining names: at least half of its
  informative tokens equal, or nearly equal (Levenshtein similarity >= 0.8), a token
  of one remaining name. The alias is removed from every entity that carries it (and
  every name with the same token set), so that it cannot be found verbatim elsewhere.
- ``alias_unrelated`` (reported, not counted in the totals): aliases that share no
  token with any remaining name (translations, noms de guerre). No name matcher can
  find these; they show how much of the lists' aliases that is.
- ``script``: a name in non-Latin script (Cyrillic, Arabic, Han, Hangul, Hebrew,
  Greek, kana) of a person, or of a company or organisation when it is a
  transliteration (Han names always); all the entity's non-Latin names are removed
  and the query must find the Latin rest.

Made from a listed name that stays in the index:

- ``spelling``: Arabic, Persian and Russian name parts respelled (Mohammad ->
  Muhammad, Hossein -> Hussein, Aleksandr -> Alexander, -zadeh -> -zada, kh -> h).
- ``typo``: one random edit (insert, delete, substitute, transpose) in a token of at
  least five letters.
- ``reorder``: person names turned around ("LIU, Baoxia" -> "Baoxia Liu").
- ``legal_form``: a company's legal form dropped or swapped for an equivalent
  ("X Co., Ltd." -> "X", "X Limited" -> "X Company Limited", "OOO X" -> "X LLC").

Negatives: person names from first and last names of 15 cultures and company names
from templates and a word list; each is checked to be on no list: no listed name has
the same token set after folding case and accents, dropping legal forms, generic
business words and particles, and mapping spelling variants to one spelling. And
``negative_chinese_company``: Chinese company names generated from a city, a brand
of two pinyin syllables, a business and a legal form, as a distributor's customer
file holds them. And ``negative_known_company``: some 170 well-known companies that
are on no list (Sony Corporation, Murata Manufacturing Co., Ltd., 比亚迪股份有限公司
...), screened with type ``any``: what a customer file holds, and what the generated
names lack (coined
brand words a letter or two from listed names, legal forms against persons).
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from normality import ascii_text
from rapidfuzz.distance import Levenshtein

from screen_words import (
    BRAND_SYLLABLES,
    CANONICAL,
    CHINESE_BUSINESSES,
    CHINESE_CITIES,
    CHINESE_LEGAL_FORMS,
    COMPANY_TEMPLATES,
    COMPANY_WORDS,
    GENERIC_WORDS,
    HONORIFICS,
    KNOWN_COMPANIES,
    LEGAL_FORM_FAMILIES,
    LEGAL_WORDS,
    PARTICLES,
    PERSON_NAMES,
    PLACES,
    VARIANTS,
)

MATCHABLE = ("Person", "Company", "Organization", "LegalEntity", "PublicBody", "Vessel", "Airplane")
SCHEMA_TYPE = {
    "Person": "person",
    "Company": "company",
    "Organization": "organization",
    "PublicBody": "organization",
    "LegalEntity": "any",
    "Vessel": "vessel",
    "Airplane": "airplane",
}
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
SOURCE_PROPS = ("name", "alias", "previousName")  # weak aliases are not used as sources
ORG_SCHEMATA = ("Company", "Organization", "LegalEntity", "PublicBody")
SCRIPTS = ("cyrillic", "arabic", "han", "hangul", "hebrew", "greek", "kana")
ANY_SHARE = 0.2  # share of queries screened with type "any"

POSITIVE_CATEGORIES = ("alias_holdout", "script", "spelling", "typo", "reorder", "legal_form")
INFO_CATEGORIES = ("alias_unrelated",)
NEGATIVE_CATEGORIES = (
    "negative_person",
    "negative_company",
    "negative_chinese_company",
    "negative_known_company",
)
CATEGORIES = POSITIVE_CATEGORIES + INFO_CATEGORIES + NEGATIVE_CATEGORIES

FULL_SIZES: dict[str, int] = {
    "alias_holdout": 1000,
    "alias_unrelated": 200,
    "script": 600,
    "spelling": 600,
    "typo": 800,
    "reorder": 500,
    "legal_form": 600,
    "negative_person": 1000,
    "negative_company": 600,
    "negative_chinese_company": 400,
    "negative_known_company": len(KNOWN_COMPANIES),
}
QUICK_SIZES: dict[str, int] = {
    "alias_holdout": 80,
    "alias_unrelated": 20,
    "script": 50,
    "spelling": 50,
    "typo": 60,
    "reorder": 40,
    "legal_form": 50,
    "negative_person": 90,
    "negative_company": 60,
    "negative_chinese_company": 40,
    "negative_known_company": len(KNOWN_COMPANIES),
}


@dataclass
class Case:
    """One query of the evaluation set and the answer it should get."""

    category: str
    query: str
    type: str
    expected: str | None = None  # entity id; None for a negative
    expected_caption: str = ""
    source_name: str = ""  # the listed name the query was made from
    detail: str = ""  # how it was made (script, edit, variant ...)


@dataclass
class EvalSet:
    """The queries, and the store records to build the evaluation index from."""

    cases: list[Case]
    records: list[dict[str, Any]]  # held-back names removed
    removed_names: int = 0
    held_back_entities: int = 0
    notes: list[str] = field(default_factory=list)


# -- normalisation ---------------------------------------------------------------------

_SPLIT = re.compile(r"[^a-z0-9]+")


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case ASCII tokens (non-Latin scripts transliterated by ICU via normality)."""
    folded = (ascii_text(text) or "").lower()
    return tuple(t for t in _SPLIT.split(folded) if t)


def token_set(text: str) -> frozenset[str]:
    """A name's token set: equal for the same words in any order, case or accents."""
    return frozenset(tokens(text))


def caption_key(text: str) -> frozenset[str]:
    """A caption compared for the lenient recall: token set without legal forms."""
    toks = [t for t in tokens(text) if t not in LEGAL_WORDS]
    return frozenset(toks) if toks else token_set(text)


def loose_key(text: str) -> frozenset[str]:
    """The token set that decides whether a negative is a listed name.

    Legal forms, generic business words, particles and honorifics dropped; spelling
    variants mapped to one spelling (Muhammad = Mohammad).
    """
    drop = LEGAL_WORDS | GENERIC_WORDS | PARTICLES | HONORIFICS
    return frozenset(CANONICAL.get(t, t) for t in tokens(text) if t not in drop)


def script_of(text: str) -> str:
    """The script of a name's letters: latin, cyrillic, arabic, ... or mixed (or none)."""
    found: set[str] = set()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        word = name.split(" ")[0]
        if word in ("HIRAGANA", "KATAKANA"):
            word = "KANA"
        elif word == "CJK":
            word = "HAN"
        elif word in ("FULLWIDTH",):
            word = "LATIN" if "LATIN" in name else word
        found.add(word.lower())
    if not found:
        return "none"
    return found.pop() if len(found) == 1 else "mixed"


def _informative(text: str) -> list[str]:
    drop = PARTICLES | LEGAL_WORDS | GENERIC_WORDS | HONORIFICS
    return [t for t in tokens(text) if len(t) >= 3 and t not in drop]


def _near(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and Levenshtein.normalized_similarity(a, b) >= 0.8


def related_share(alias: str, other: str) -> float:
    """Share of an alias's informative tokens that (nearly) equal a token of another name."""
    inf = _informative(alias)
    if not inf:
        return 0.0
    others = tokens(other)
    return sum(1 for t in inf if any(_near(t, u) for u in others)) / len(inf)


def _is_transliteration(non_latin: str, latin_names: Iterable[str]) -> bool:
    """Whether a non-Latin name reads (by ICU) like one of the Latin names.

    At least half of its words of four letters or more must (nearly) equal a word
    of one Latin name: a transliteration, not a translation that shares a place name.
    """
    drop = LEGAL_WORDS | GENERIC_WORDS
    read = [t for t in tokens(non_latin) if len(t) >= 4 and t not in drop]
    if not read:
        return False
    for name in latin_names:
        words = [u for u in tokens(name) if len(u) >= 4 and u not in drop]
        if sum(1 for t in read if any(_near(t, u) for u in words)) * 2 >= len(read):
            return True
    return False


# -- entities --------------------------------------------------------------------------


@dataclass
class _Entity:
    record: dict[str, Any]
    names: list[tuple[str, str]]  # (property, text)

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def schema(self) -> str:
        return str(self.record["schema"])

    @property
    def caption(self) -> str:
        return str(self.record.get("caption") or self.record["id"])


def _entities(records: Iterable[dict[str, Any]]) -> list[_Entity]:
    out = []
    for row in records:
        if row["schema"] not in MATCHABLE:
            continue
        props = row.get("properties", {})
        names = [(p, t) for p in NAME_PROPS for t in dict.fromkeys(props.get(p, [])) if t]
        if names:
            out.append(_Entity(row, names))
    out.sort(key=lambda e: e.id)
    return out


def _query_type(schema: str, rng: random.Random) -> str:
    qtype = SCHEMA_TYPE.get(schema, "any")
    return "any" if rng.random() < ANY_SHARE else qtype


# -- query makers ----------------------------------------------------------------------

_LONG_TOKEN = re.compile(r"[A-Za-z]{5,}")
_WORD = re.compile(r"[A-Za-z]+")


def make_typo(text: str, rng: random.Random) -> tuple[str, str] | None:
    """One random edit in a token of five letters or more: ``(query, what was done)``."""
    spans = [m.span() for m in _LONG_TOKEN.finditer(text)]
    if not spans:
        return None
    start, end = rng.choice(spans)
    tok = text[start:end]
    upper = tok.isupper()

    def letter(avoid: str = "") -> str:
        ch = rng.choice([c for c in string.ascii_lowercase if c != avoid.lower()])
        return ch.upper() if upper else ch

    op = rng.choice(("insert", "delete", "substitute", "transpose"))
    i = rng.randrange(len(tok))
    if op == "transpose":
        i = min(i, len(tok) - 2)
        if tok[i].lower() == tok[i + 1].lower():
            op = "substitute"
    if op == "transpose":
        new = tok[:i] + tok[i + 1] + tok[i] + tok[i + 2 :]
    elif op == "insert":
        new = tok[:i] + letter() + tok[i:]
    elif op == "delete":
        new = tok[:i] + tok[i + 1 :]
    else:
        new = tok[:i] + letter(tok[i]) + tok[i + 1 :]
    return text[:start] + new + text[end:], f"{op} {tok}->{new}"


def _smart_title(text: str) -> str:
    return text.title() if text.isupper() else text


def make_reorder(text: str) -> tuple[str, str] | None:
    """A person name turned around: "LAST, First" -> "First Last", else last word first."""
    if "," in text:
        last, first = (p.strip() for p in text.split(",", 1))
        if not last or not first or not _WORD.search(first):
            return None
        return f"{first} {_smart_title(last)}", "comma form to natural order"
    words = text.split()
    if len(words) < 2:
        return None
    return " ".join([words[-1], *words[:-1]]), "last word first"


def _match_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word.capitalize()
    return word


# Romanisation rules for tokens outside the variant table: (pattern, replacement).
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"zadeh$"), "zada"),
    (re.compile(r"(?<=.)pour$"), "pur"),
    (re.compile(r"^gh(?=[aeiou])"), "q"),
    (re.compile(r"(?<=[a-z])kh(?=[a-z]*(ov|ova|ev|eva|in|ina|enko)$)"), "h"),
    (re.compile(r"(?<=[a-z])yev(a?)$"), r"ev\1"),
    (re.compile(r"^ye(?=v)"), "e"),
    (re.compile(r"(?<=[a-z]{3})iy$"), "y"),
    (re.compile(r"(?<=[a-z])ou(?=[a-z])"), "u"),
    (re.compile(r"ee(?=[a-z])"), "i"),
]


def make_respelling(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Arabic, Persian, Russian name parts in another usual spelling.

    Every part in the variant table is respelled; a romanisation rule (-zadeh ->
    -zada, gh -> q, kh -> h ...) is applied to one other part when no part is in
    the table, or half of the time when one is.
    """
    spans = [m.span() for m in _WORD.finditer(text)]
    replace: dict[tuple[int, int], str] = {}
    changes: list[str] = []
    rule_spans: list[tuple[int, int]] = []
    for span in spans:
        tok = text[span[0] : span[1]]
        family = VARIANTS.get(tok.lower())
        if family is not None:
            alt = rng.choice([f for f in family if f != tok.lower()])
            replace[span] = _match_case(tok, alt)
            changes.append(f"{tok}->{alt}")
        elif len(tok) >= 4 and any(p.search(tok.lower()) for p, _ in _RULES):
            rule_spans.append(span)
    if rule_spans and (not replace or rng.random() < 0.5):
        span = rng.choice(rule_spans)
        tok = text[span[0] : span[1]]
        rules = [(p, r) for p, r in _RULES if p.search(tok.lower())]
        pattern, repl = rng.choice(rules)
        alt = pattern.sub(repl, tok.lower(), count=1)
        replace[span] = _match_case(tok, alt)
        changes.append(f"{tok}->{alt}")
    if not replace:
        return None
    out = []
    pos = 0
    for (s, e), word in sorted(replace.items()):
        out.append(text[pos:s])
        out.append(word)
        pos = e
    out.append(text[pos:])
    return "".join(out), ", ".join(changes)


def _form_pattern(form: str) -> str:
    parts = [re.escape(p.strip(".,")) for p in re.split(r"[\s.,]+", form) if p.strip(".,")]
    return r"[\s.,]*".join(parts) + r"\.?"


_START_FORMS = frozenset(
    "OOO LLC JSC OJSC CJSC PJSC AO OAO ZAO PAO".split()
    + [
        "Limited Liability Company",
        "Joint Stock Company",
        "Open Joint Stock Company",
        "Closed Joint Stock Company",
        "Public Joint Stock Company",
    ]
)
_FORMS = sorted(
    ((form, family) for family in LEGAL_FORM_FAMILIES for form in family),
    key=lambda x: -len(x[0]),
)
_END_RES = [
    (re.compile(r"[\s,]+(?:" + _form_pattern(f) + r")\s*$", re.I), f, fam) for f, fam in _FORMS
]
_START_RES = [
    (re.compile(r"^\s*(?:" + _form_pattern(f) + r")\s+", re.I), f, fam)
    for f, fam in _FORMS
    if f in _START_FORMS
]
_QUOTES = "\"'“”‘’„«»‚`"


def make_legal_form_variant(text: str, rng: random.Random) -> tuple[str, str] | None:
    """A company name with its legal form dropped, or swapped for an equivalent one."""
    found: tuple[str, str, tuple[str, ...]] | None = None
    for regex, form, family in _END_RES:
        m = regex.search(text)
        if m:
            found = (text[: m.start()], form, family)
            break
    if found is None:
        for regex, form, family in _START_RES:
            m = regex.search(text)
            if m:
                found = (text[m.end() :], form, family)
                break
    if found is None:
        return None
    core, form, family = found
    core = core.strip().strip(_QUOTES + ",;- ").strip()
    core_words = [t for t in tokens(core) if len(t) >= 3 and t not in LEGAL_WORDS]
    if not core_words:
        return None
    others = [f for f in family if tokens(f) != tokens(form)]
    if others and rng.random() < 0.5:
        alt = rng.choice(others)
        return f"{core} {alt}", f"swap {form} -> {alt}"
    return core, f"drop {form}"


# -- negatives -------------------------------------------------------------------------

_LAST_FIRST = ("chinese", "korean", "vietnamese", "japanese")


def make_person_negative(rng: random.Random) -> tuple[str, str]:
    """A realistic person name: ``(name, culture)``."""
    culture = rng.choice(sorted(PERSON_NAMES))
    males, females, surnames, female_surnames = PERSON_NAMES[culture]
    female = rng.random() < 0.5
    firsts = females if female else males
    last = rng.choice(female_surnames if female and female_surnames else surnames)
    given = [rng.choice(firsts)]
    if rng.random() < 0.3 and culture not in _LAST_FIRST:
        middle = rng.choice(firsts)
        if middle != given[0]:
            given.append(middle)
    r = rng.random()
    if r < 0.2:
        return f"{last.upper()}, {' '.join(given)}", culture
    if culture in _LAST_FIRST and r < 0.6:
        return f"{last} {' '.join(given)}", culture
    return f"{' '.join(given)} {last}", culture


def make_company_negative(rng: random.Random) -> tuple[str, str]:
    """A realistic company name: ``(name, template)``."""
    template = rng.choice(COMPANY_TEMPLATES)
    a, b = rng.sample(COMPANY_WORDS, 2)
    name = template.format(a=a, b=b, p=rng.choice(PLACES), ab=a + b.lower())
    return name, template


def make_chinese_company_negative(rng: random.Random) -> tuple[str, str]:
    """A Chinese company name as customer files write it: city, pinyin brand, business,
    legal form ("Ningbo Ruixing Precision Machinery Co., Ltd."), or the brand first
    with "(Hong Kong)" or no city: ``(name, "generated")``."""
    brand = rng.choice(BRAND_SYLLABLES).capitalize() + rng.choice(BRAND_SYLLABLES)
    business = rng.choice(CHINESE_BUSINESSES)
    r = rng.random()
    if r < 0.2:
        legal = rng.choice(["Limited", "Co., Limited"])
        return f"{brand} {business} (Hong Kong) {legal}", "generated"
    if r < 0.45:
        return f"{brand} {business} {rng.choice(CHINESE_LEGAL_FORMS)}", "generated"
    city = rng.choice(CHINESE_CITIES)
    return f"{city} {brand} {business} {rng.choice(CHINESE_LEGAL_FORMS)}", "generated"


def _add_negatives(
    cases: list[Case],
    notes: list[str],
    category: str,
    make: Callable[[random.Random], tuple[str, str]],
    qtype: str,
    rng: random.Random,
    sizes: dict[str, int],
    listed: set[frozenset[str]],
    seen: set[str],
) -> None:
    """Generated names of one negative category that are on no list, one in
    ``ANY_SHARE`` screened with type ``any``."""
    want = sizes.get(category, 0)
    made = rejected = 0
    for _ in range(want * 50):
        if made >= want:
            break
        name, detail = make(rng)
        key = loose_key(name)
        if name in seen or not key:
            continue
        seen.add(name)
        if key in listed:
            rejected += 1
            continue
        cases.append(
            Case(category, name, "any" if rng.random() < ANY_SHARE else qtype, detail=detail)
        )
        made += 1
    notes.append(f"{category}: {rejected} generated names rejected as listed")


# -- building ----------------------------------------------------------------------------


def build_evalset(
    records: list[dict[str, Any]], sizes: dict[str, int], seed: int = 20261125
) -> EvalSet:
    """The evaluation set: queries, and the records with held-back names removed."""
    rng = random.Random(seed)
    entities = _entities(records)
    used: set[str] = set()
    cases: list[Case] = []
    notes: list[str] = []

    # 1. Names in non-Latin script, held back.
    by_script: dict[str, list[tuple[_Entity, str]]] = defaultdict(list)
    for ent in entities:
        latin = [t for p, t in ent.names if script_of(t) == "latin"]
        if not latin:
            continue
        foreign = [t for p, t in ent.names if script_of(t) in SCRIPTS]
        if not foreign:
            continue
        text = rng.choice(foreign)
        script = script_of(text)
        transliterated = script == "han" or _is_transliteration(text, latin)
        if ent.schema == "Person" or (ent.schema in ORG_SCHEMATA and transliterated):
            by_script[script].append((ent, text))
    script_picks: list[tuple[_Entity, str, str]] = []
    quota = sizes.get("script", 0)
    pools = {s: rng.sample(v, len(v)) for s, v in sorted(by_script.items())}
    while quota > 0 and any(pools.values()):
        for s in sorted(pools):
            if pools[s] and quota > 0:
                ent, text = pools[s].pop()
                script_picks.append((ent, text, s))
                quota -= 1
    drop_exact: dict[str, set[str]] = defaultdict(set)  # entity id -> texts to drop
    drop_texts: set[str] = set()  # texts dropped from every entity
    for ent, text, script in script_picks:
        used.add(ent.id)
        for _, t in ent.names:
            if script_of(t) in SCRIPTS or script_of(t) == "mixed":
                drop_exact[ent.id].add(t)
        drop_texts.add(text)
        cases.append(
            Case(
                "script",
                text,
                _query_type(ent.schema, rng),
                ent.id,
                ent.caption,
                text,
                f"{script} {ent.schema}",
            )
        )

    # 2. Aliases held back: variants of a remaining name, and unrelated ones.
    related: list[tuple[_Entity, str, str]] = []
    unrelated: list[tuple[_Entity, str, str]] = []
    for ent in entities:
        if ent.id in used:
            continue
        latin_names = [(p, t) for p, t in ent.names if script_of(t) == "latin"]
        aliases = [
            (p, t) for p, t in latin_names if p in ("alias", "previousName") and _informative(t)
        ]
        if not aliases or len(latin_names) < 2:
            continue
        p, alias = rng.choice(aliases)
        key = token_set(alias)
        rest = [t for _, t in latin_names if token_set(t) != key]
        if not rest:
            continue
        share = max(related_share(alias, t) for t in rest)
        if share >= 0.5:
            related.append((ent, alias, p))
        elif share == 0.0:
            unrelated.append((ent, alias, p))
    drop_keys: set[frozenset[str]] = set()
    for category, pool in (("alias_holdout", related), ("alias_unrelated", unrelated)):
        picks = rng.sample(pool, min(len(pool), sizes.get(category, 0)))
        picks.sort(key=lambda x: x[0].id)
        for ent, alias, prop in picks:
            used.add(ent.id)
            drop_keys.add(token_set(alias))
            cases.append(
                Case(
                    category,
                    alias,
                    _query_type(ent.schema, rng),
                    ent.id,
                    ent.caption,
                    alias,
                    f"held-back {prop}",
                )
            )

    # 3. The evaluation records: held-back names removed everywhere.
    eval_records: list[dict[str, Any]] = []
    removed = 0
    remaining: dict[str, list[tuple[str, str]]] = {}
    for row in records:
        if row["schema"] not in MATCHABLE:
            eval_records.append(row)
            continue
        props = row.get("properties", {})
        new_props = dict(props)
        changed = False
        for p in NAME_PROPS:
            values = props.get(p)
            if not values:
                continue
            kept = [
                v
                for v in values
                if v not in drop_texts
                and v not in drop_exact.get(row["id"], ())
                and token_set(v) not in drop_keys
            ]
            if len(kept) != len(values):
                removed += len(values) - len(kept)
                changed = True
                new_props[p] = kept
        new_row = {**row, "properties": new_props} if changed else row
        eval_records.append(new_row)
        remaining[row["id"]] = [(p, t) for p in NAME_PROPS for t in new_props.get(p, [])]

    # Held-back queries whose entity kept no name that could find them are dropped.
    kept_cases: list[Case] = []
    for case in cases:
        names = [t for p, t in remaining.get(case.expected or "", []) if script_of(t) == "latin"]
        if not names:
            notes.append(f"dropped {case.category} {case.query!r}: no Latin name left")
            continue
        if case.category == "alias_holdout" and not any(
            related_share(case.query, t) >= 0.5 for t in names
        ):
            notes.append(f"dropped {case.category} {case.query!r}: related name also held back")
            continue
        kept_cases.append(case)
    cases = kept_cases
    held_back = len({c.expected for c in cases})

    # 4. Queries made from names that stay in the index.
    pool_entities = [e for e in entities if e.id not in used]
    caption = {e.id: e.caption for e in entities}

    def sources(ent: _Entity, person_only: bool = False) -> list[str]:
        if person_only and ent.schema != "Person":
            return []
        return [
            t for p, t in remaining.get(ent.id, []) if p in SOURCE_PROPS and script_of(t) == "latin"
        ]

    Maker = Callable[[str], tuple[str, str] | None]
    makers: dict[str, tuple[Maker, bool, tuple[str, ...] | None]] = {
        "spelling": (lambda t: make_respelling(t, rng), True, None),
        "typo": (lambda t: make_typo(t, rng), False, None),
        "reorder": (make_reorder, True, None),
        "legal_form": (lambda t: make_legal_form_variant(t, rng), False, ORG_SCHEMATA),
    }
    for category, (maker, person_only, schemata) in makers.items():
        want = sizes.get(category, 0)
        order = rng.sample(pool_entities, len(pool_entities))
        made = 0
        for ent in order:
            if made >= want:
                break
            if ent.id in used or (schemata is not None and ent.schema not in schemata):
                continue
            names = sources(ent, person_only)
            rng.shuffle(names)
            for text in names:
                result = maker(text)
                if result is None:
                    continue
                query, detail = result
                if token_set(query) == token_set(text) and category != "reorder":
                    continue
                used.add(ent.id)
                cases.append(
                    Case(
                        category,
                        query,
                        _query_type(ent.schema, rng),
                        ent.id,
                        caption[ent.id],
                        text,
                        detail,
                    )
                )
                made += 1
                break
        if made < want:
            notes.append(f"{category}: {made} of {want} queries (not enough eligible names)")

    # 5. Negatives: generated names that are on no list.
    listed: set[frozenset[str]] = set()
    for ent in entities:
        for _, t in ent.names:
            listed.add(loose_key(t))
    seen: set[str] = set()
    for category, maker2, qtype in (
        ("negative_person", make_person_negative, "person"),
        ("negative_company", make_company_negative, "company"),
    ):
        _add_negatives(cases, notes, category, maker2, qtype, rng, sizes, listed, seen)
    # Chinese companies, from a random generator of their own (the other queries stay
    # the same).
    _add_negatives(
        cases,
        notes,
        "negative_chinese_company",
        make_chinese_company_negative,
        "company",
        random.Random(seed + 1),
        sizes,
        listed,
        seen,
    )
    # Well-known companies, as written (no randomness: the other queries stay the same).
    want = sizes.get("negative_known_company", 0)
    rejected = 0
    for name in KNOWN_COMPANIES[:want]:
        if loose_key(name) in listed:
            rejected += 1
            continue
        cases.append(Case("negative_known_company", name, "any", detail="well-known company"))
    notes.append(f"negative_known_company: {rejected} names rejected as listed")
    return EvalSet(cases, eval_records, removed, held_back, notes)
