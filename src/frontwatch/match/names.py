"""Names into comparable forms: scripts, romanisations, legal forms, honorifics.

``name_forms(text, kind)`` gives every Latin form under which a name should be
compared: the name as written (ASCII-folded), its pinyin, Wade-Giles and
Cantonese readings when it is written in Chinese characters, its common Latin
spellings when it is in Persian, Arabic or Cyrillic script. Each form knows
where it came from, so an explanation can say "pinyin of 刘宝霞".
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache, partial
from typing import NamedTuple

from normality import ascii_text

from frontwatch.match import chinese, japanese, korean, translit
from frontwatch.match.orgs import STOPWORDS, expand_abbreviation, split_legal_form

# What kind of party a name belongs to decides how it is read.
PERSON = "person"
ORG = "org"
VESSEL = "vessel"
ANY = "any"
# The origin of an Arabic-script name read letter by letter, short vowels unwritten.
LETTERS = "letter by letter"

HONORIFICS: frozenset[str] = frozenset(
    """mr mrs ms miss dr prof sir madam mme herr frau ayatollah hojatoleslam general gen
    col colonel maj major capt captain lt brig brigadier admiral adm eng engr""".split()
)
# Titles that lists often write as part of a name ("MOHAMMED, Khalid Shaikh"): kept, but
# they weigh little, like particles.
NAME_TITLES: frozenset[str] = frozenset(
    "haji hajji hajj sheikh shaikh shaykh sheik mullah mulla seyed seyyed sayed sayyid".split()
)
PARTICLES: frozenset[str] = frozenset(
    [
        "al",
        "el",
        "ol",
        "ul",
        "ad",
        "ed",
        "as",
        "ash",
        "at",
        "az",
        "ibn",
        "bin",
        "bint",
        "ben",
        "abu",
        "bou",
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
    ]
)

_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_INNER_APOSTROPHE = re.compile(r"(?<=[a-z])'(?=[a-z])")


class NameForm(NamedTuple):
    """One comparable reading of a name (a named tuple: the index pickles tens of
    thousands of them, and tuples load several times faster than dataclasses)."""

    text: str  # the name as given
    tokens: tuple[str, ...]  # core tokens, lower-case ASCII, abbreviations expanded
    legal_forms: tuple[str, ...]  # legal forms taken out (organisations)
    origin: str  # "as written", "pinyin", "cantonese", "wade-giles", "transliterated", ...


def tokenize(text: str) -> tuple[str, ...]:
    """Lower-case ASCII tokens of a Latin text."""
    folded = (ascii_text(text) or "").lower()
    # An apostrophe inside a word marks an ayn or hamza (Ja'far, Mera'i, Sa'id) or an
    # elision (O'Brien): one word, not two.
    folded = _INNER_APOSTROPHE.sub("", folded)
    return tuple(t for t in _TOKEN_SPLIT.split(folded) if t)


def _core(tokens: tuple[str, ...], kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Drop what identifies no one: honorifics for persons, legal forms for organisations."""
    if kind == PERSON:
        kept = tuple(t for t in tokens if t not in HONORIFICS)
        return (kept or tokens), ()
    if kind == VESSEL:
        # "M/V DIAMOND II" is the vessel DIAMOND 2: no prefix, numbers in digits, and
        # no legal forms (rigour reads "II" as one).
        return tuple(_ROMAN.get(t, t) for t in _without_vessel_prefix(tokens)), ()
    if kind in (ORG, ANY):
        tokens = _join_places(tokens)
        core, forms = split_legal_form(tokens)
        # Romanised business words count as such in a known organisation's name, or
        # in a name with a legal form.
        business = kind == ORG or bool(forms)
        expanded = tuple(expand_abbreviation(t, business) for t in core if t not in STOPWORDS)
        if kind == ANY and not forms:
            kept = tuple(expand_abbreviation(t) for t in tokens if t not in HONORIFICS)
            return kept or tokens, ()
        return (expanded or core), forms
    return tokens, ()


# What lists and counterparties write before a vessel's name (rigour's list of object
# name prefixes, as tokens): motor vessel, motor tanker, steamship.
_VESSEL_PREFIXES: tuple[tuple[str, ...], ...] = (("m", "v"), ("m", "t"), ("mv",), ("mt",), ("ss",))
_ROMAN: dict[str, str] = {
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
}


def _without_vessel_prefix(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A vessel's name without the prefix before it ("M/V DIAMOND II": DIAMOND II)."""
    for prefix in _VESSEL_PREFIXES:
        if tokens[: len(prefix)] == prefix and len(tokens) > len(prefix):
            return tokens[len(prefix) :]
    return tokens


def _maybe_vessel(tokens: tuple[str, ...]) -> bool:
    """Whether a name reads otherwise as a vessel's: a Roman numeral, or a vessel prefix
    before other words."""
    return bool(_ROMAN.keys() & set(tokens)) or _without_vessel_prefix(tokens) != tokens


def _join_places(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Place names written in two words, as one: "Hong Kong" is the generic word
    ``hongkong`` (so "Hong Kong Logistics" is not "Hong Kong Electronics")."""
    for i in range(len(tokens) - 1):
        if tokens[i] == "hong" and tokens[i + 1] == "kong":
            return _join_places((*tokens[:i], "hongkong", *tokens[i + 2 :]))
    return tokens


# An organisation's abbreviation in brackets: "DEFENCE INDUSTRIES ORGANISATION (DIO)",
# also with more words after it: "Stroygazmontazh-Most OOO (SGM-MOST OOO)".
_BRACKETED_ABBREVIATION = re.compile(r"\(([A-Z][A-Z0-9&]{1,9}(?:[- ][A-Z0-9&]{1,15}){0,3})\)")


def _abbreviation_readings(text: str, kind: str) -> list[tuple[str, str]]:
    """The name without its bracketed abbreviation, and the abbreviation alone.

    Only an abbreviation of three letters or more that starts with the first letter of
    the name's first word (legal forms aside), and half of whose letters begin words
    of the name, counts: "JSC NATIONAL CARD PAYMENT SYSTEM (NSPK)", not "PJSC VTB BANK
    (KIEV)" or "HORSWAY TECH (HK) CO LTD".
    """
    found = list(_BRACKETED_ABBREVIATION.finditer(text))
    if len(found) != 1:
        return []
    match = found[0]
    rest = f"{text[: match.start()]} {text[match.end() :]}".strip(" ,;-")
    core, _ = _core(tokenize(rest), kind)
    abbreviation = match.group(1)
    initials = {t[0] for t in core}
    # Its first word is the abbreviation (SGM in "SGM-MOST OOO").
    inner, _ = _core(tokenize(abbreviation), kind)
    letters = inner[0] if inner else ""
    if (
        len(letters) < 3  # (HK), (UK): a place, as often as not
        or not core
        or core[0][0] != letters[0]
        or 2 * sum(ch in initials for ch in letters) < len(letters)
    ):
        return []
    return [(rest, "without its abbreviation"), (abbreviation, "its abbreviation")]


# What the US Entity List appends to a name to say what its designation covers:
# "OTOBOT Project Group and any successor, sub-unit, or subsidiary thereof",
# "... Fourth Academy, and its sub-units and successors".
_DESIGNATION_SCOPE = re.compile(
    r",?\s+and\s+(?:any|its)\s+(?:successors?|sub-?units?|subsidiar(?:y|ies))\b.*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=100_000)
def name_forms(text: str, kind: str = ANY) -> tuple[NameForm, ...]:
    """Every comparable Latin form of a name, the form as written first."""
    given = text
    # ソニー(株), ㈱ソニー: the legal form written out, to be read as one (and ㈱ alone as
    # Han script).
    text = japanese.expand_legal_forms(text)
    script = translit.script_of(text)
    readings: list[tuple[str, str]] = []
    if script in ("latin", "other") or not text.strip():
        # The Entity List's scope of a designation is not part of the name.
        written = _DESIGNATION_SCOPE.sub("", text) or text
        readings.append((written, "as written"))
        if kind == ORG:
            readings.extend(_abbreviation_readings(written, kind))
    elif chinese.has_han(text):
        person = True if kind == PERSON else (False if kind in (ORG, VESSEL) else None)
        for form, label in chinese.han_readings(text, person):
            readings.append((form, f"romanised ({label})"))
    elif script == "kana":
        # Japanese kana, in Hepburn as the Han path reads them (コンツェルン kontserun).
        for long_vowels in ("drop", "double"):
            readings.append((japanese.romanise(text, long_vowels), "romanised (kana)"))
    elif script == "hangul":
        person = True if kind == PERSON else (False if kind in (ORG, VESSEL) else None)
        for form in korean.korean_forms(text, person):
            readings.append((form, "romanised (Korean)"))
    else:
        # Arabic script read letter by letter (no short vowels) is compared as such.
        letters = translit.letter_reading(text) if script == "arabic" else None
        for form in translit.latin_forms(text):
            readings.append((form, LETTERS if form == letters else "transliterated"))
    if not readings:
        readings.append((text, "as written"))
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for reading, origin in readings:
        tokens = tokenize(reading)
        if not tokens:
            continue
        half = len(tokens) // 2
        if half >= 2 and tokens[:half] == tokens[half:]:
            tokens = tokens[:half]  # a name published twice over, as one string
        core, legal = _core(tokens, kind)
        if core in seen:
            continue
        seen.add(core)
        forms.append(NameForm(given, core, legal, origin))
        if kind == ANY and origin == "as written" and _maybe_vessel(tokens):
            # Perhaps a vessel: as vessel names are read ("Diamond II" = DIAMOND 2,
            # "MV Deep Sea" = DEEP SEA).
            vessel, _ = _core(tokens, VESSEL)
            if vessel not in seen:
                seen.add(vessel)
                forms.append(NameForm(given, vessel, (), "as a vessel name"))
        if kind in (PERSON, ANY) and origin == "as written":
            # A Russian name in the Swedish, Polish, German or French transliteration
            # that the EU's language versions use: also in the English one
            # ("Aleksej Aleksandrovitj ZJURAVLJOV" = "Aleksey Aleksandrovich Zhuravlyov").
            english = slavic_english(core)
            if english is not None and english not in seen:
                seen.add(english)
                forms.append(NameForm(given, english, legal, "English transliteration"))
        if kind != VESSEL and origin == "as written":
            # A romanised Chinese name, in pinyin or Wade-Giles, joined or not:
            # also compare it as pinyin surname + joined given name
            # ("Chang Wei-ming" = "ZHANG, Weiming"; "Hsu Pao-hsia" = "XU, Baoxia").
            for alt in _chinese_name_forms(core):
                if alt not in seen:
                    seen.add(alt)
                    forms.append(NameForm(given, alt, legal, "chinese syllables"))
    return tuple(forms)


# Endings that give away a transliteration scheme of Russian names, and each scheme's
# letter groups in the English (BGN-like) spelling.
_SLAVIC_SCHEMES: tuple[tuple[str, dict[str, str]], ...] = (
    (  # Swedish: Aleksandrovitj, Sergejevna, Zjuravljov, Starsjinov
        r"(?:vitj|jevna|ovna|jevitj|sjin|zj|tj)",
        {"sjtj": "shch", "tj": "ch", "sj": "sh", "zj": "zh", "ch": "kh"},
    ),
    (  # Polish: Nikolajewicz, Szamalow
        r"(?:wicz|ewna|owna)$",
        {"szcz": "shch", "cz": "ch", "sz": "sh", "rz": "zh", "ch": "kh", "w": "v"},
    ),
    (  # German: Alexandrowitsch, Schurawljow
        r"(?:witsch|ewna|owna)$",
        {"schtsch": "shch", "tsch": "ch", "sch": "sh", "ch": "kh", "w": "v"},
    ),
)
# (marker, one-pass replacement of the letter groups, longest first), compiled once.
_SLAVIC_RULES: tuple[tuple[re.Pattern[str], re.Pattern[str], dict[str, str]], ...] = tuple(
    (
        re.compile(marker),
        re.compile("|".join(re.escape(g) for g in sorted(groups, key=len, reverse=True))),
        groups,
    )
    for marker, groups in _SLAVIC_SCHEMES
)
_J_BEFORE_VOWEL = re.compile(r"j(?=[aeiou])|(?<=[aeiou])j")


def _group_sub(table: dict[str, str], match: re.Match[str]) -> str:
    return table[match.group(0)]


def slavic_english(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """A Russian name in Swedish, Polish or German transliteration, spelled the English
    way; None for a name that shows none of those schemes' endings."""
    for marker, groups, table in _SLAVIC_RULES:
        if not any(marker.search(t) for t in tokens):
            continue
        replace = partial(_group_sub, table)
        # One pass, so that a group written once is not rewritten (tj -> ch, not kh).
        converted = tuple(
            _J_BEFORE_VOWEL.sub("y", groups.sub(replace, t)).replace("j", "y") for t in tokens
        )
        return converted if converted != tokens else None
    return None


def _chinese_name_forms(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Pinyin readings of a romanised Chinese name as (surname, joined given name).

    The surname is taken first and, for names in Western order, last. Keeping the
    given name's syllables together keeps their order: "Liu Baoxia" is not
    "XIA, Baolong", though both contain the syllables bao and xia.
    """
    if not 2 <= len(tokens) <= 4:
        return []
    readings: list[list[list[str]]] = []
    for token in tokens:
        options = chinese.romanisation_keys([token])
        if not options:
            return []
        readings.append(options[:2])
    out: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = {tuple(sorted(tokens))}
    # The surname first as written, or last (Western order: "Ming-shan Wang").
    for order in (readings, readings[-1:] + readings[:-1]):
        surname, given = order[0], order[1:]
        for sur in surname:
            for parts in itertools.islice(itertools.product(*given), 4):
                form = ("".join(sur), "".join("".join(p) for p in parts))
                key = tuple(sorted(form))
                if key not in seen:
                    seen.add(key)
                    out.append(form)
    return out[:4]


def name_kind(schema: str) -> str:
    """The kind of name an FtM schema carries."""
    if schema == "Person":
        return PERSON
    if schema in ("Vessel", "Airplane"):
        return VESSEL
    if schema in ("Company", "Organization", "PublicBody"):
        return ORG
    return ANY
