"""Words of the domain that the rules read: legal forms, public bodies, titles, demonyms, countries.

Kept as data in one place, so that a rule is "a word list and a pattern", and a
new case is a new word, not new code.
"""

from __future__ import annotations

from functools import lru_cache

from followthemoney.types import registry

# Tokens that end (or are part of) a company name's legal form, lower-case, without dots.
LEGAL_FORM_TOKENS = frozenset(
    """co ltd limited llc inc corp corporation company gmbh fze fzco fzc llp plc pte bhd sdn
    jsc pjsc ojsc cjsc ooo zao oao sa srl spa bv nv ag kg ab oy as gongsi sherkat industries
    industrial group holding holdings enterprise enterprises""".split()
)
# Legal forms strong enough to make a company of a capitalised run by themselves.
STRONG_LEGAL_FORMS = frozenset(
    """co ltd limited llc inc corp corporation company gmbh fze fzco fzc llp plc pte bhd
    jsc pjsc ojsc cjsc ooo zao oao gongsi industries""".split()
)
# Head words of public bodies: "Department of Justice", "Justice Department", "Bureau of ...".
PUBLIC_BODY_HEADS = frozenset(
    """department ministry bureau office directorate agency administration commission
    committee secretariat service attorney prosecutor procuratorate customs police
    treasury kremlin""".split()
)
# Public bodies named by one word or an acronym; the value is the full name when known.
KNOWN_BODIES: dict[str, tuple[str, str | None]] = {
    "OFAC": ("PublicBody", "Office of Foreign Assets Control"),
    "BIS": ("PublicBody", "Bureau of Industry and Security"),
    "DOJ": ("PublicBody", "Department of Justice"),
    "FBI": ("PublicBody", "Federal Bureau of Investigation"),
    "HSI": ("PublicBody", "Homeland Security Investigations"),
    "DHS": ("PublicBody", "Department of Homeland Security"),
    "CBP": ("PublicBody", "Customs and Border Protection"),
    "DCIS": ("PublicBody", "Defense Criminal Investigative Service"),
    "Treasury": ("PublicBody", "Department of the Treasury"),
    "Commerce": ("PublicBody", "Department of Commerce"),
    "Kremlin": ("PublicBody", None),
    "MODAFL": ("PublicBody", "Ministry of Defense and Armed Forces Logistics"),
    "GRU": ("PublicBody", "Main Intelligence Directorate"),
    "FSB": ("PublicBody", "Federal Security Service"),
    "IRGC": ("Organization", "Islamic Revolutionary Guard Corps"),
    "IRGC-QF": ("Organization", "Islamic Revolutionary Guard Corps Qods Force"),
    "IRGC-ASF": ("Organization", "Islamic Revolutionary Guard Corps Aerospace Force"),
    "AIO": ("Organization", "Aerospace Industries Organization"),
    "SHIG": ("Organization", "Shahid Hemmat Industrial Group"),
    "SBIG": ("Organization", "Shahid Bakeri Industrial Group"),
    "DIO": ("Organization", "Defense Industries Organization"),
    "HESA": ("Company", "Iran Aircraft Manufacturing Industrial Company"),
    "CCP": ("Organization", "Chinese Communist Party"),
    "NORINCO": ("Company", "China North Industries Corporation"),
    "CPMIEC": ("Company", "China Precision Machinery Import-Export Corporation"),
    "Hezbollah": ("Organization", None),
    "Hizballah": ("Organization", None),
    "Hamas": ("Organization", None),
}
# Words that make an organisation a public body when it has no legal form.
PUBLIC_BODY_WORDS = PUBLIC_BODY_HEADS | frozenset({"government", "ministries"})
# Words written in lower case inside names.
CONNECTORS = frozenset({"of", "and", "for", "the", "&", "de", "du", "la", "al", "el", "e", "on"})
# Capitalised words that open a sentence but never a name.
NOT_NAME_STARTS = frozenset(
    """the a an in on at by for from to of and or but as with this these that those its his
    her their our today yesterday according under among since after before while when if
    four three two five six seven eight nine ten several both all each other some""".split()
)
# Titles of officials: "Director X", "X, the president of Y", "Y spokeswoman X".
OFFICIAL_TITLES = frozenset(
    """president vice chairman chairwoman chair ceo cfo coo director minister ministers secretary
    ambassador spokesman spokeswoman spokesperson commander head chief deputy general
    governor premier chancellor attorney prosecutor administrator officer official officials
    manager founder owner king leader representative envoy consul undersecretary""".split()
)
EMPLOYEE_NOUNS = frozenset(
    """employee employees engineer engineers staff salesperson salesman saleswoman
    accountant clerk agent agents broker representative""".split()
)
MEMBER_NOUNS = frozenset({"member", "members", "operative", "operatives", "militant"})
NATIONAL_NOUNS = frozenset(
    """national nationals citizen citizens businessman businessmen businesswoman man woman
    men women resident residents advisor adviser individual individuals person persons
    engineer engineers official officials executive executives""".split()
)
# Demonyms (and adjectives) -> ISO country codes.
DEMONYMS: dict[str, str] = {
    "chinese": "cn",
    "iranian": "ir",
    "russian": "ru",
    "north korean": "kp",
    "south korean": "kr",
    "korean": "kp",
    "pakistani": "pk",
    "indian": "in",
    "italian": "it",
    "israeli": "il",
    "american": "us",
    "emirati": "ae",
    "turkish": "tr",
    "malaysian": "my",
    "german": "de",
    "finnish": "fi",
    "omani": "om",
    "syrian": "sy",
    "lebanese": "lb",
    "yemeni": "ye",
    "sudanese": "sd",
    "belarusian": "by",
    "ukrainian": "ua",
    "british": "gb",
    "french": "fr",
    "japanese": "jp",
    "iraqi": "iq",
    "afghan": "af",
    "venezuelan": "ve",
    "cuban": "cu",
    "taiwanese": "tw",
    "singaporean": "sg",
    "armenian": "am",
    "georgian": "ge",
    "kazakh": "kz",
    "uzbek": "uz",
    "hong kong": "hk",
    "canadian": "ca",
    "swiss": "ch",
    "dutch": "nl",
    "spanish": "es",
    "greek": "gr",
    "cypriot": "cy",
    "thai": "th",
    "vietnamese": "vn",
    "indonesian": "id",
    "saudi": "sa",
    "qatari": "qa",
    "kuwaiti": "kw",
    "bahraini": "bh",
    "jordanian": "jo",
    "egyptian": "eg",
    "libyan": "ly",
    "palestinian": "ps",
}
# Country names frontwatch accepts besides FtM's labels (capitals are never countries here).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "us",
    "u s": "us",
    "usa": "us",
    "u s a": "us",
    "united states": "us",
    "united states of america": "us",
    "america": "us",
    "uk": "gb",
    "u k": "gb",
    "britain": "gb",
    "great britain": "gb",
    "united kingdom": "gb",
    "uae": "ae",
    "u a e": "ae",
    "united arab emirates": "ae",
    "prc": "cn",
    "china": "cn",
    "people s republic of china": "cn",
    "peoples republic of china": "cn",
    "mainland china": "cn",
    "dprk": "kp",
    "north korea": "kp",
    "democratic people s republic of korea": "kp",
    "south korea": "kr",
    "republic of korea": "kr",
    "russia": "ru",
    "russian federation": "ru",
    "iran": "ir",
    "islamic republic of iran": "ir",
    "syria": "sy",
    "hong kong": "hk",
    "macau": "mo",
    "macao": "mo",
    "taiwan": "tw",
    "turkey": "tr",
    "turkiye": "tr",
    "vietnam": "vn",
    "burma": "mm",
    "myanmar": "mm",
    "czech republic": "cz",
    "the netherlands": "nl",
    "netherlands": "nl",
}
# Nouns that refer back to an entity already named: "the company" -> the last company.
ANAPHORS: dict[str, tuple[str, ...]] = {
    "company": ("Company",),
    "firm": ("Company",),
    "corporation": ("Company",),
    "supplier": ("Company",),
    "entity": ("Company", "Organization"),
    "organization": ("Organization", "Company"),
    "group": ("Organization", "Company"),
    "ministry": ("PublicBody",),
    "department": ("PublicBody",),
    "agency": ("PublicBody",),
    "bureau": ("PublicBody",),
}


@lru_cache(maxsize=1)
def _country_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for code, label in registry.country.names.items():
        if len(code) == 2:
            labels[_norm(label)] = code
    labels.update(COUNTRY_ALIASES)
    return labels


def _norm(text: str) -> str:
    from frontwatch.match.names import tokenize

    return " ".join(tokenize(text))


def country_code(text: str) -> str | None:
    """The ISO code of a country written ``text`` ("the United States", "U.S.", "Iran")."""
    key = _norm(text)
    if key.startswith("the "):
        key = key[4:]
    return _country_labels().get(key)


def country_name(code: str) -> str:
    """A country's name as frontwatch writes it."""
    special = {
        "us": "United States",
        "gb": "United Kingdom",
        "hk": "Hong Kong",
        "kp": "North Korea",
    }
    if code in special:
        return special[code]
    return str(registry.country.names.get(code) or code.upper())


def demonym_code(text: str) -> str | None:
    """The country of a demonym ("Chinese" -> cn), or of a country name used as one."""
    key = _norm(text)
    return DEMONYMS.get(key) or country_code(text)
