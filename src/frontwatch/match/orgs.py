"""Organisation names: legal forms, abbreviations and generic business words.

Legal forms ("Co., Ltd.", "Company Limited", "Youxian Gongsi", "LLC", "GmbH",
"Sherkat", "JSC") say little about who a company is: they are taken out of the
name before comparison and reported separately. rigour's table of legal forms
is used first; the phrases below add what it lacks (romanised Chinese and
Persian forms, "company" and its abbreviations). Abbreviations are expanded
("Intl" -> "international"), and generic words ("trading", "international",
"technology") keep a low weight so that "ABC Trading Co" does not hit every
trading company.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from normality import ascii_text
from rapidfuzz.distance import OSA
from rigour.names import extract_org_types

# Multi-word legal forms, longest first when matched; all lower-case ASCII tokens.
LEGAL_FORM_PHRASES: dict[tuple[str, ...], str] = {
    ("youxian", "zeren", "gongsi"): "llc",
    ("gufen", "youxian", "gongsi"): "co ltd",
    ("youxian", "gongsi"): "co ltd",
    ("yau", "han", "kung", "si"): "co ltd",
    ("co", "ltd"): "co ltd",
    ("co", "limited"): "co ltd",
    ("company", "limited"): "co ltd",
    ("company", "ltd"): "co ltd",
    ("corporation", "limited"): "co ltd",
    ("private", "limited"): "pvt ltd",
    ("pvt", "ltd"): "pvt ltd",
    ("pte", "ltd"): "pte ltd",
    ("sdn", "bhd"): "sdn bhd",
    ("public", "joint", "stock", "company"): "pjsc",
    ("open", "joint", "stock", "company"): "ojsc",
    ("closed", "joint", "stock", "company"): "cjsc",
    ("joint", "stock", "company"): "jsc",
    # The same without "company", as lists and counterparties also write them
    # ("LAKOKRASKA OPEN JOINT-STOCK", "Open Joint-Stock Oil and Gas Company Syzran").
    ("public", "joint", "stock"): "pjsc",
    ("open", "joint", "stock"): "ojsc",
    ("closed", "joint", "stock"): "cjsc",
    ("joint", "stock"): "jsc",
    ("limited", "liability", "company"): "llc",
    ("limited", "liability", "partnership"): "llp",
    ("l", "l", "c"): "llc",
    ("sherkat", "e"): "company",
    ("sherkat", "sahami", "khas"): "private joint stock company",
    ("sherkat", "sahami", "am"): "public joint stock company",
    ("fz", "llc"): "fz llc",
    ("free", "zone", "establishment"): "fze",
    ("s", "a"): "sa",
    ("a", "s"): "as",
    # Japanese, romanised (株式会社, 有限会社, 合同会社, 合資会社, 合名会社).
    ("kabushiki", "kaisha"): "co ltd",
    ("kabushiki", "gaisha"): "co ltd",
    ("yugen", "kaisha"): "co ltd",
    ("godo", "kaisha"): "llc",
    ("goshi", "kaisha"): "kg",
    ("gomei", "kaisha"): "gp",
}

# Russian legal forms spelled out in transliteration (OFAC writes "OTKRYTOE
# AKTSIONERNOE OBSHCHESTVO ..."), with the spellings the lists and BGN/ICAO use.
_RU_OBSHCHESTVO = ("obshchestvo", "obshestvo", "obschestvo")
_RU_AKTSIONERNOE = ("aktsionernoe", "aktsionernoye", "aktsionernoie", "aktcionernoe")
_RU_LIMITED = ("ogranichennoi", "ogranichennoy", "ogranichennoj")
_RU_LIABILITY = ("otvetstvennostyu", "otvetstvennostiu", "otvetstvennostju", "otvetstvennost")
_RU_FORMS: list[tuple[tuple[tuple[str, ...], ...], str]] = [
    ((("otkrytoe", "otkrytoye"), _RU_AKTSIONERNOE, _RU_OBSHCHESTVO), "ojsc"),
    ((("zakrytoe", "zakrytoye"), _RU_AKTSIONERNOE, _RU_OBSHCHESTVO), "cjsc"),
    ((("publichnoe", "publichnoye"), _RU_AKTSIONERNOE, _RU_OBSHCHESTVO), "pjsc"),
    ((("nepublichnoe", "nepublichnoye"), _RU_AKTSIONERNOE, _RU_OBSHCHESTVO), "jsc"),
    ((_RU_AKTSIONERNOE, _RU_OBSHCHESTVO), "jsc"),
    ((_RU_OBSHCHESTVO, ("s",), _RU_LIMITED, _RU_LIABILITY), "llc"),
    ((("tovarishchestvo", "tovarishestvo"), ("s",), _RU_LIMITED, _RU_LIABILITY), "llp"),
    (
        (
            ("federalnoe", "federalnoye"),
            ("gosudarstvennoe", "gosudarstvennoye"),
            ("unitarnoe", "unitarnoye"),
            ("predpriyatie", "predpriiatie", "predprijatie"),
        ),
        "federal state unitary enterprise",
    ),
    (
        (
            ("gosudarstvennoe", "gosudarstvennoye"),
            ("unitarnoe", "unitarnoye"),
            ("predpriyatie", "predpriiatie", "predprijatie"),
        ),
        "state unitary enterprise",
    ),
    (
        (
            ("chastnoe", "chastnoye"),
            ("unitarnoe", "unitarnoye"),
            ("predpriyatie", "predpriiatie", "predprijatie"),
        ),
        "private unitary enterprise",
    ),
    (
        (
            ("unitarnoe", "unitarnoye"),
            ("predpriyatie", "predpriiatie", "predprijatie"),
        ),
        "unitary enterprise",
    ),
    # The same in English, so that both spellings drop alike.
    ((("federal",), ("state",), ("unitary",), ("enterprise",)), "federal state unitary enterprise"),
    ((("state",), ("unitary",), ("enterprise",)), "state unitary enterprise"),
    # Belarus and Russia: republican (RUE), private (PUE), municipal, subsidiary and
    # production unitary enterprises; the words before them stay in the name.
    ((("republican",), ("unitary",), ("enterprise",)), "republican unitary enterprise"),
    (
        (("republican",), ("subsidiary",), ("unitary",), ("enterprise",)),
        "republican unitary enterprise",
    ),
    ((("private",), ("unitary",), ("enterprise",)), "private unitary enterprise"),
    ((("municipal",), ("unitary",), ("enterprise",)), "municipal unitary enterprise"),
    ((("unitary",), ("enterprise",)), "unitary enterprise"),
]
for _parts, _canonical in _RU_FORMS:
    for _phrase in itertools.product(*_parts):
        LEGAL_FORM_PHRASES.setdefault(_phrase, _canonical)

LEGAL_FORM_WORDS: dict[str, str] = {
    "co": "company",
    "company": "company",
    "companies": "company",
    "corp": "corporation",
    "corporation": "corporation",
    "inc": "inc",
    "incorporated": "inc",
    "ltd": "ltd",
    "limited": "ltd",
    "llc": "llc",
    "plc": "plc",
    "llp": "llp",
    "gmbh": "gmbh",
    "ag": "ag",
    "sa": "sa",
    "sarl": "sarl",
    "srl": "srl",
    "spa": "spa",
    "bv": "bv",
    "nv": "nv",
    "jsc": "jsc",
    "ojsc": "ojsc",
    "cjsc": "cjsc",
    "pjsc": "pjsc",
    "ooo": "llc",
    "zao": "cjsc",
    "oao": "ojsc",
    "pao": "pjsc",
    "ao": "jsc",
    "fgup": "federal state unitary enterprise",
    "gup": "state unitary enterprise",
    "rup": "republican unitary enterprise",
    "chup": "private unitary enterprise",
    "mup": "municipal unitary enterprise",
    "tov": "llc",
    "fze": "fze",
    "fzco": "fzco",
    "fzc": "fzc",
    "pte": "pte",
    "pvt": "pvt",
    "bhd": "bhd",
    "sherkat": "company",
    # Gulf "Est." (مؤسسة), Liechtenstein "Anstalt": an establishment.
    "establishment": "establishment",
    "est": "establishment",
    "anstalt": "establishment",
    "gongsi": "company",
    "youxian": "ltd",
    "kft": "kft",
    "doo": "doo",
    "sas": "sas",
    "kg": "kg",
    "ab": "ab",
    "oy": "oy",
    "as": "as",
}
ABBREVIATIONS: dict[str, str] = {
    "intl": "international",
    "int'l": "international",
    "internat": "international",
    "tech": "technology",
    "techn": "technology",
    "technologies": "technology",
    "trdg": "trading",
    "trd": "trading",
    "mfg": "manufacturing",
    "elec": "electronics",
    "electronic": "electronics",
    "eng": "engineering",
    "engg": "engineering",
    "ind": "industries",
    "inds": "industries",
    "industry": "industries",
    "industrial": "industries",
    "grp": "group",
    "sci": "science",
    "dev": "development",
    "devt": "development",
    "imp": "import",
    "exp": "export",
    "mgmt": "management",
    "svcs": "services",
    "svc": "services",
    "assn": "association",
    "natl": "national",
    "univ": "university",
    "inst": "institute",
    "hldgs": "holdings",
    "hldg": "holding",
    "bros": "brothers",
    "mach": "machinery",
    "equip": "equipment",
    "aero": "aerospace",
    "sys": "systems",
    "hk": "hongkong",
}
# Chinese places that open company names ("Hangzhou Hikvision Digital Technology"):
# where, not who. Generic words; and a sign that a name is Chinese.
CHINESE_PLACES: frozenset[str] = frozenset(
    [
        "hongkong",
        "china",
        "shenzhen",
        "beijing",
        "shanghai",
        "guangzhou",
        # Names that are also given names (Xian, Hefei, Henan, Anhui, Weihai, Yantai,
        # Yunnan) are left out.
        "hangzhou",
        "wuhan",
        "xiamen",
        "tianjin",
        "chengdu",
        "nanjing",
        "dalian",
        "qingdao",
        "ningbo",
        "suzhou",
        "chongqing",
        "harbin",
        "changsha",
        "shenyang",
        "zhuhai",
        "dongguan",
        "zhengzhou",
        "shijiazhuang",
        "shandong",
        "jiangsu",
        "zhejiang",
        "guangdong",
        "sichuan",
        "fujian",
        "jiangxi",
        "shaanxi",
        "shanxi",
        "liaoning",
        "heilongjiang",
        "guizhou",
        "guangxi",
        "xinjiang",
    ]
)
GENERIC_WORDS: frozenset[str] = frozenset(
    [
        "trading",
        "international",
        "technology",
        "industries",
        "group",
        "import",
        "export",
        "holding",
        "holdings",
        "development",
        "science",
        "engineering",
        "services",
        "manufacturing",
        "electronics",
        "enterprise",
        "enterprises",
        "commercial",
        "commerce",
        "general",
        "global",
        "investment",
        "investments",
        "logistics",
        "shipping",
        "supply",
        "systems",
        "solutions",
        "industrial",
        "business",
        "materials",
        "equipment",
        "machinery",
        "products",
        "service",
        "tehran",
        "dubai",
        "moscow",
        "digital",
        "the",
        "of",
        "and",
        "for",
        "in",
        "new",
        "world",
        "trade",
        "import-export",
        "corporation",
        "company",
        "limited",
    ]
    # The same words in the EU list's language versions and in Russian transliteration
    # ("Jelvesazan Vállalat", "La Sociedad Jelvesazan" = "Jelvesazan Company").
    + [
        # company, firm, society, enterprise
        "societe",
        "sociedad",
        "sociedade",
        "societa",
        "societatea",
        "gesellschaft",
        "spolecnost",
        "spolocnost",
        "spolka",
        "vallalat",
        "tarsasag",
        "bolag",
        "bolaget",
        "yhtio",
        "selskab",
        "selskap",
        "firma",
        "empresa",
        "compania",
        "compagnie",
        "compagnia",
        "maatschappij",
        "vennootschap",
        "onderneming",
        "unternehmen",
        "drustvo",
        "druzba",
        "druzhestvo",
        "bendrove",
        "sabiedriba",
        "ettevote",
        "entreprise",
        "impresa",
        "przedsiebiorstwo",
        "podnik",
        "podjetje",
        "poduzece",
        "intreprinderea",
        "etaireia",
        "epicheirese",
        "kompaniya",
        "kompania",
        "kompanie",
        "kumpania",
        "cuideachta",
        "predpriyatie",
        "predpriyatiye",
        # society, joint-stock (Russian), outside a legal form in its usual order
        # ("OPTRON OBSHCHESTVO AKTSIONERNOE")
        "obshchestvo",
        "obshestvo",
        "obschestvo",
        "aktsionernoe",
        "aktsionernoye",
        "obyedineniye",
        "obedinenie",
        # group, concern, corporation
        "groupe",
        "grupo",
        "gruppo",
        "gruppe",
        "groep",
        "grupa",
        "grupp",
        "grupul",
        "csoport",
        "skupina",
        "koncern",
        "kontsern",
        "konzern",
        "korporatsiya",
        "corporacion",
        "corporacao",
        "korporacija",
        # international, trading, industries, holding
        "internationale",
        "internacional",
        "internazionale",
        "nemzetkozi",
        "mezinarodni",
        "miedzynarodowy",
        "mezhdunarodnaya",
        "mezhdunarodnyi",
        "handel",
        "comercio",
        "commercio",
        "kommerz",
        "torgovaya",
        "torgovyi",
        "torgovyy",
        "industrias",
        "industrie",
        "industria",
        "industrii",
        "promyshlennaya",
        "holdinga",
    ]
    + sorted(CHINESE_PLACES)
)
STOPWORDS: frozenset[str] = frozenset({"the", "of", "and", "for", "&", "de", "du", "la", "le"})


# First word -> the legal-form phrases that start with it, longest first.
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(LEGAL_FORM_PHRASES, key=len, reverse=True):
    _PHRASES_BY_FIRST_WORD.setdefault(_phrase[0], []).append(_phrase)


# Long legal-form words, recognised with one typo ("CMPANY", "LIMTED", "LIMTIED",
# "OBSXHCHESTVO"); a corrected word counts only when it completes a legal form.
_LEGAL_WORDS_TYPO = (
    "company",
    "limited",
    "corporation",
    "incorporated",
    "liability",
    "partnership",
    "joint",
    "stock",
    "venture",
    "obshchestvo",
    "aktsionernoe",
    "ogranichennoi",
    "otvetstvennostyu",
    "otkrytoe",
    "zakrytoe",
    "publichnoe",
    "tovarishchestvo",
)


@lru_cache(maxsize=100_000)
def _fix_legal_word(token: str) -> str:
    """A legal-form word with one typo (a letter missing, added, changed or swapped) fixed."""
    if len(token) < 4 or token in LEGAL_FORM_WORDS:
        return token
    return _one_typo_from(token, _LEGAL_WORDS_TYPO) or token


def _one_typo_from(token: str, words: Iterable[str]) -> str | None:
    """The first of ``words`` that ``token`` is one typo from (a letter missing, added,
    changed, or two swapped), or None."""
    for word in words:
        if abs(len(word) - len(token)) <= 1 and OSA.distance(token, word) == 1:
            return word
    return None


def _phrase_at(tokens: tuple[str, ...], i: int) -> tuple[str, ...] | None:
    """The longest legal-form phrase that starts at position ``i``."""
    if i >= len(tokens):
        return None
    for phrase in _PHRASES_BY_FIRST_WORD.get(tokens[i], ()):
        if tokens[i : i + len(phrase)] == phrase:
            return phrase
    return None


@lru_cache(maxsize=200_000)
def split_legal_form(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Separate legal-form tokens from the rest: ``(core tokens, legal forms)``.

    Also consults rigour's table of legal forms on the joined text.
    """
    original = tokens
    tokens = tuple(_fix_legal_word(t) for t in tokens)
    core: list[str] = []
    fixed: list[str] = []  # the core with legal-form words' typos fixed
    forms: list[str] = []
    i = 0
    n = len(tokens)
    last_core = -1  # the position of the last core word
    while i < n:
        phrase = _phrase_at(tokens, i)
        if phrase is not None and tokens[i] in LEGAL_FORM_WORDS:
            # "Co. Limited Liability Company": "co limited" would leave "liability"
            # behind; a legal word on its own, then the phrase that reaches further.
            longer = _phrase_at(tokens, i + 1)
            if longer is not None and len(longer) > len(phrase):
                forms.append(LEGAL_FORM_WORDS[tokens[i]])
                i += 1
                continue
        if phrase is not None:
            forms.append(LEGAL_FORM_PHRASES[phrase])
            i += len(phrase)
        else:
            tok = tokens[i]
            # A legal-form word counts as one only at the edges of a name ("Co" in
            # "Co Ltd", "OOO Romashka"); "Company" inside a name is part of it.
            if tok in LEGAL_FORM_WORDS and (i == 0 or i >= n - 2) and n > 1:
                forms.append(LEGAL_FORM_WORDS[tok])
            else:
                core.append(original[i])  # as written: "Point" is no typo of "Joint"
                fixed.append(tok)
                last_core = i
            i += 1
    # Whether the name ends with a legal form (what follows its last core word).
    form_at_end = bool(core) and last_core < n - 1
    # Legal forms of other countries at the edges of a name ("Evraz Nyrt.", "X s.r.o.",
    # "UAB X"), as rigour knows them: the last (or first) one to three words, whole.
    while len(core) > 1:
        span = _edge_legal_form(fixed, last=True) or _edge_legal_form(fixed, last=False)
        if span is None and form_at_end and len(fixed[-1]) >= 4 and fixed[-1] in LEGAL_FORM_WORDS:
            # A legal-form word (of four letters or more: "As", "Ab", "Est" are also name
            # parts) left at the end by a legal form after it: "Corporation" in "X Joint
            # Venture Corporation Co., Limited" (listed as "X Joint Venture Corporation
            # Limited").
            span = (1, LEGAL_FORM_WORDS[fixed[-1]], True)
        if span is None:
            break
        size, canonical, last = span
        form_at_end = form_at_end or last
        forms.append(canonical)
        core, fixed = (core[:-size], fixed[:-size]) if last else (core[size:], fixed[size:])
    if not forms:
        for _, canonical in extract_org_types(" ".join(tokens)):
            forms.append(_folded(canonical))
    if not core:  # a name that is only a legal form: keep it as it is
        return original, ()
    return tuple(core), tuple(forms)


# Legal forms rigour's table lacks (Hungarian, Bulgarian, Portuguese, Polish ...).
_EXTRA_EDGE_FORMS: dict[str, str] = {
    "rt": "rt",
    "nyrt": "nyrt",
    "zrt": "zrt",
    "bt": "bt",
    "kkt": "kkt",
    "eood": "eood",
    "ead": "ead",
    "lda": "lda",
    "epe": "epe",
    "sp z o o": "sp zoo",
    "spolka z o o": "sp zoo",
    "doo": "doo",
    "tbk": "tbk",
}


# Legal forms that rigour's table has only with their accents, while names are
# compared with accents folded ("IRISL Europe Gesellschaft mit beschränkter Haftung",
# "Old Vector Korlátolt Felelősségű Társaság"): each is looked up in rigour as written
# and kept under its folded words, with rigour's canonical form (folded too).
_ACCENTED_FORMS = (
    "gesellschaft mit beschränkter haftung",
    "société anonyme",
    "société à responsabilité limitée",
    "société par actions simplifiée",
    "société en nom collectif",
    "società per azioni",
    "società a responsabilità limitata",
    "sociedad anónima",
    "sociedade anónima",
    "részvénytársaság",
    "zártkörűen működő részvénytársaság",
    "nyilvánosan működő részvénytársaság",
    "betéti társaság",
    "společnost s ručením omezeným",
    "akciová společnost",
    "akciová spoločnosť",
    "veřejná obchodní společnost",
    "komanditní společnost",
    "spółka akcyjna",
    "spółka z ograniczoną odpowiedzialnością",
    "uždaroji akcinė bendrovė",
    "dioničko društvo",
    "družba z omejeno odgovornostjo",
    "društvo s ograničenom odgovornošću",
    "societate pe acțiuni",
    "societate cu răspundere limitată",
    "sabiedrība ar ierobežotu atbildību",
    "akciju sabiedrība",
    "osakeyhtiö",
    "julkinen osakeyhtiö",
    "osaühing",
    "anonim şirketi",
    "limited şirketi",
)


def _folded(text: str) -> str:
    return " ".join(re.split(r"[^a-z0-9]+", (ascii_text(text) or "").lower())).strip()


_FOLDED_FORMS: dict[str, str] = {
    _folded(matched): _folded(canonical)  # "kft." as "kft", as the other tables write it
    for phrase in _ACCENTED_FORMS
    for matched, canonical in extract_org_types(phrase)
    if matched == phrase
}


def _edge_legal_form(core: list[str], last: bool) -> tuple[int, str, bool] | None:
    """A legal form made of the last (or first) one to four tokens, whole."""
    for size in (4, 3, 2, 1):
        if len(core) <= size:
            continue
        span = " ".join(core[-size:] if last else core[:size])
        canonical = _whole_org_type(span)
        if canonical is not None:
            return size, canonical, last
    return None


@lru_cache(maxsize=50_000)
def _whole_org_type(span: str) -> str | None:
    if span in _EXTRA_EDGE_FORMS:
        return _EXTRA_EDGE_FORMS[span]
    if span in _FOLDED_FORMS:
        return _FOLDED_FORMS[span]
    # One word of two letters ("AE", "AB", "PT") is as often part of a person's name.
    if len(span) < 3 or span in GENERIC_WORDS:
        return None
    for matched, canonical in extract_org_types(span):
        if matched == span:
            return _folded(canonical)
    return None


# Business words of company names romanised from Chinese (pinyin), Persian and
# Turkish, or in another European language, as the English word they stand for
# ("Huawei Jishu Youxian Gongsi" = "Huawei Technologies Co., Ltd."; "Sherkat-e
# Sanaye Electronic Shiraz" = "Shiraz Electronics Industries"). Only in names known
# to be organisations: some are also given names.
BUSINESS_WORDS: dict[str, str] = {
    "jishu": "technology",
    "keji": "technology",
    "maoyi": "trading",
    "guoji": "international",
    "shiye": "industries",
    "gongye": "industries",
    "jituan": "group",
    "wuliu": "logistics",
    "dianzi": "electronics",
    "kexue": "science",
    "touzi": "investment",
    "shebei": "equipment",
    "jixie": "machinery",
    "gongcheng": "engineering",
    "jinchukou": "import",
    "sanaye": "industries",
    "sanayi": "industries",
    "ticaret": "trading",
    "bazargani": "commercial",
    # A bank in the EU list's language versions and in Turkish ("Banco Koryo").
    "banco": "bank",
    "banca": "bank",
    "banque": "bank",
    "bankasi": "bank",
}


def expand_abbreviation(token: str, business: bool = False) -> str:
    """``intl`` -> ``international``; with ``business``, ``jishu`` -> ``technology``
    too (see ``BUSINESS_WORDS``); other tokens unchanged."""
    found = ABBREVIATIONS.get(token)
    if found is None and business:
        found = BUSINESS_WORDS.get(token)
    if found is None and len(token) >= 6:
        found = _misspelt_word(token)
    return token if found is None else found


# Whole words that the table above rewrites ("industry" -> "industries"; not its
# abbreviations: "internat" is one typo from "internet"), with one typo, are rewritten
# alike ("Indstry" was compared with "industries", three edits away).
_LONG_WORDS = ("industry", "industrial", "technologies", "electronic")


@lru_cache(maxsize=100_000)
def _misspelt_word(token: str) -> str | None:
    word = _one_typo_from(token, _LONG_WORDS)
    return None if word is None else ABBREVIATIONS[word]


def is_generic(token: str) -> bool:
    """Whether a word is a generic business word that identifies no one."""
    return token in GENERIC_WORDS


# Words that only an organisation's name has: legal forms that no person's name part
# is spelt like ("Pao", "Sa", "As", "Ao", "Zao", "Doo", "Youxian" are also name
# parts: left out) and business nouns. A name screened with type ``any`` that has one is an
# organisation's: "Omron Corporation" is not the person ABU OMRAN.
ORGANISATION_WORDS: frozenset[str] = frozenset(
    {
        "company",
        "companies",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "plc",
        "llp",
        "gmbh",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "ooo",
        "oao",
        "fgup",
        "fze",
        "fzco",
        "pte",
        "pvt",
        "bhd",
        "sarl",
        "srl",
        "kft",
        "sherkat",
        "gongsi",
        "trading",
        "technology",
        "technologies",
        "industries",
        "industrial",
        "industry",
        "holding",
        "holdings",
        "engineering",
        "manufacturing",
        "electronics",
        "electronic",
        "enterprises",
        "logistics",
        "shipping",
        "systems",
        "solutions",
        "machinery",
        "equipment",
        "import",
        "export",
        "group",
        "airlines",
        "airways",
    }
)
# The same in scripts whose romanisation does not give those words: Chinese and
# Japanese company, Korean company, Persian and Arabic company.
_ORGANISATION_MARKS = (
    "公司",
    "会社",
    "會社",
    "(株)",
    "（株）",
    "株式",
    "有限",
    "회사",
    "شرکت",
    "شركة",
)


def organisation_word(text: str, tokens: Iterable[str]) -> str | None:
    """The word of a name (``tokens``: its words in lower-case ASCII) that says it is an
    organisation's, or None (see ``ORGANISATION_WORDS``)."""
    for token in tokens:
        if token in ORGANISATION_WORDS:
            return token
    for mark in _ORGANISATION_MARKS:
        if mark in text:
            return mark
    return None
