"""Named entities of the domain: the model's, the lists' gazetteer and rules, merged.

A spaCy component (``frontwatch_entities``, after ``ner``) that replaces
``doc.ents`` with spans labelled Person, Company, Organization, PublicBody or
Country, drawn from:

1. the gazetteer of listed names (``gazetteer.py``), priority 3;
2. rules, priority 2: public bodies ("Department of Justice", "Justice
   Department", "Bureau of Industry and Security", "Office of ...", known
   acronyms such as OFAC, BIS, MODAFL), company names ending in a legal form
   ("Sunway Tech Co., Ltd.", "Rayan Roshd Afzar Company", "... Youxian Gongsi"),
   Persian and Chinese company names without one ("Pishro Sanat Kish",
   "Shenzhen Xinrong Keji");
3. the model's PERSON, ORG, NORP-free GPE (countries only), priority 1, trimmed
   of determiners and possessives.

Overlaps are resolved longest first, then by priority. Acronyms defined in
parentheses ("Islamic Revolutionary Guard Corps (IRGC)") make every later
"IRGC" a mention too. Demonyms ("Chinese", "North Korean") are kept in
``doc.spans["fw_demonyms"]`` for the relation rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontwatch.extract.gazetteer import Gazetteer
from frontwatch.extract.lexicon import (
    CONNECTORS,
    KNOWN_BODIES,
    LEGAL_FORM_TOKENS,
    NOT_NAME_STARTS,
    PUBLIC_BODY_HEADS,
    PUBLIC_BODY_WORDS,
    STRONG_LEGAL_FORMS,
    country_code,
    demonym_code,
)
from frontwatch.match.names import tokenize

TYPES = ("Person", "Company", "Organization", "PublicBody", "Country")
PERSIAN_COMPANY_WORDS = frozenset(
    """sanat sanaye sanayeh sanaat tejarat tejarate bazargani pishro pishgam pars kish
    fanavari fanavaran mohandesi sazeh sazan gostar gostaran andish andishan afzar rayan
    roshd tose toseh tosee novin saman sepehr farayand tadbir payam arya ertebatat
    electronic sakhteman kala kalaye nasr hamrah taavon""".split()
)
CHINESE_COMPANY_WORDS = frozenset(
    """keji maoyi jinchukou dianzi shiye youxian gongsi jituan guoji kemao fazhan""".split()
)
CHINESE_PLACES = frozenset(
    """shenzhen guangzhou beijing shanghai dalian ningbo xiamen tianjin jiangsu zhejiang
    hangzhou dongguan wuhan chengdu xian qingdao suzhou foshan zhuhai shandong hunan
    hubei fujian guangdong liaoning changsha nanjing shenyang harbin zhengzhou""".split()
)
_FOREIGN_WORDS = PERSIAN_COMPANY_WORDS | CHINESE_COMPANY_WORDS | CHINESE_PLACES
ORG_INDICATORS = frozenset(
    """electronics electronic engineering industrial industries trading technology
    technologies tech trade import export logistics shipping aviation aerospace
    machinery systems solutions""".split()
)
APOSTROPHES = ("'s", "’s", "'", "’")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.-]*[A-Z0-9]$")
KNOWN_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(k) for k in sorted(KNOWN_BODIES, key=len, reverse=True))
    + r")(?![\w])"
)


@dataclass
class Candidate:
    """A span that may be an entity: tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    type: str
    origin: str  # "gazetteer", "rule", "model", "acronym"
    priority: int

    @property
    def length(self) -> int:
        return self.end - self.start


def is_cap(token: Token) -> bool:
    """A word written like a name: capitalised or all capitals."""
    text = token.text
    return bool(text) and text[0].isupper()


def _name_like(doc: Doc, start: int, end: int) -> bool:
    """Every word of ``doc[start:end]`` capitalised, except connectors and punctuation."""
    words = [t for t in doc[start:end] if any(c.isalpha() for c in t.text)]
    if not words or not is_cap(words[0]) or not is_cap(words[-1]):
        return False
    return all(is_cap(t) or t.lower_ in CONNECTORS for t in words)


# -- the gazetteer --------------------------------------------------------------


def gazetteer_candidates(doc: Doc, gazetteer: Gazetteer | None) -> list[Candidate]:
    """Listed names found in the document, written like names."""
    if gazetteer is None or not len(gazetteer):
        return []
    pieces: list[str] = []
    owner: list[int] = []
    for token in doc:
        for piece in _pieces(token.text):
            pieces.append(piece)
            owner.append(token.i)
    out: list[Candidate] = []
    for hit in gazetteer.match(pieces):
        start, end = owner[hit.start], owner[hit.end - 1] + 1
        texts = [t.text for t in doc[start:end]]
        if "(" in texts and ")" not in texts:
            end = start + texts.index("(")
        if end - start >= 1 and _name_like(doc, start, end):
            out.append(Candidate(start, end, hit.type, "gazetteer", 3))
    return out


_PIECE_CACHE: dict[str, tuple[str, ...]] = {}


def _pieces(text: str) -> tuple[str, ...]:
    found = _PIECE_CACHE.get(text)
    if found is None:
        found = tokenize(text)
        if len(_PIECE_CACHE) < 200_000:
            _PIECE_CACHE[text] = found
    return found


# -- rules -----------------------------------------------------------------------


def _word(token: Token) -> str:
    return token.lower_.rstrip(".")


def _extend_right(doc: Doc, i: int, limit: int) -> int:
    """The end of a capitalised name run starting after token ``i`` (exclusive)."""
    end = i + 1
    j = i + 1
    while j < limit:
        tok = doc[j]
        if tok.is_space or "\n" in tok.text:
            break
        if is_cap(tok) and tok.text not in ("(", ")"):
            end = j = j + 1
            continue
        if tok.lower_ in CONNECTORS and j + 1 < limit and is_cap(doc[j + 1]):
            j += 1
            continue
        if tok.text in ("-", "–") and j + 1 < limit and is_cap(doc[j + 1]) and not tok.whitespace_:
            j += 1
            continue
        if tok.text == "," and _list_comma(doc, j, limit):
            j += 1
            continue
        break
    return end


def _list_comma(doc: Doc, j: int, limit: int) -> bool:
    """A comma inside a name's own list ("Office of Chemical, Biological and Missile ...")."""
    k = j + 1
    seen_word = False
    while k < min(limit, j + 6):
        tok = doc[k]
        if tok.lower_ == "and" and seen_word:
            return k + 1 < limit and is_cap(doc[k + 1])
        if tok.text == ",":
            k += 1
            continue
        if not is_cap(tok) or tok.lower_ in PUBLIC_BODY_HEADS:
            return False
        seen_word = True
        k += 1
    return False


def _extend_left(doc: Doc, i: int, floor: int) -> int:
    """The start of a capitalised name run that ends at token ``i``."""
    start = i
    j = i - 1
    while j >= floor:
        tok = doc[j]
        if tok.is_space or "\n" in tok.text or tok.text in APOSTROPHES:
            break
        if tok.tag_ == "POS" or (j + 1 <= i and doc[j + 1].tag_ == "POS"):
            break
        if is_cap(tok) and tok.text not in ("(", ")"):
            if tok.is_sent_start and tok.lower_ in NOT_NAME_STARTS:
                break
            if tok.lower_ in NOT_NAME_STARTS and tok.pos_ in ("DET", "ADP", "PRON", "CCONJ"):
                break
            start = j
            j -= 1
            continue
        if (
            tok.lower_ in ("of", "and", "&", "for", "de", "e")
            and j - 1 >= floor
            and is_cap(doc[j - 1])
        ):
            if tok.lower_ == "and" and doc[j - 1].text == ",":
                break
            j -= 1
            continue
        if (
            tok.text in ("-", "–")
            and j - 1 >= floor
            and is_cap(doc[j - 1])
            and not doc[j - 1].whitespace_
        ):
            j -= 1
            continue
        if tok.text == ")" and j - 2 >= floor and doc[j - 2].text == "(" and is_cap(doc[j - 1]):
            j -= 3
            continue
        break
    return start


def public_body_candidates(doc: Doc) -> list[Candidate]:
    """Ministries, departments, bureaus, offices and agencies named in the text."""
    out: list[Candidate] = []
    for sent in doc.sents:
        s0, s1 = sent.start, sent.end
        for tok in sent:
            if not is_cap(tok) or _word(tok) not in PUBLIC_BODY_HEADS:
                continue
            i = tok.i
            # "Department of Justice", "Office of Foreign Assets Control"
            if i + 2 < s1 and doc[i + 1].lower_ == "of":
                k = i + 2
                if doc[k].lower_ == "the" and k + 1 < s1:
                    k += 1
                if is_cap(doc[k]):
                    end = _extend_right(doc, k, s1)
                    start = _body_left(doc, i, s0)
                    if start == i:
                        start = _extend_left(doc, i, s0)
                    start = _skip_titles(doc, start, i)
                    if not _law_follows(doc, end):
                        out.append(Candidate(start, end, "PublicBody", "rule", 2))
                    continue
            # "Justice Department", "Russian Foreign Ministry", "End-User Review Committee"
            if i > s0 and is_cap(doc[i - 1]) and doc[i - 1].tag_ != "POS":
                start = _skip_titles(doc, _extend_left(doc, i, s0), i)
                if start < i and not _law_follows(doc, i + 1):
                    out.append(Candidate(start, i + 1, "PublicBody", "rule", 2))
    return out


TITLE_WORDS = frozenset(
    "under assistant deputy secretary chair chairman director minister head chief acting".split()
)


def _skip_titles(doc: Doc, start: int, head: int) -> int:
    """Leave out a title before a body's name ("Under Secretary of Commerce for ...")."""
    k = start
    while k < head and (doc[k].lower_ in TITLE_WORDS or doc[k].lower_ in ("of", "for", "the")):
        k += 1
    if k > start:
        # a title takes its body with it: "Assistant Secretary of Commerce for ..." is no body
        return head if doc[head].lower_ not in ("office", "bureau", "department", "ministry") else k
    return start


def _law_follows(doc: Doc, end: int) -> bool:
    """A body's name that is the start of a law's ("Export Administration Act")."""
    return end < len(doc) and is_cap(doc[end]) and _word(doc[end]) in NOT_ORG_LAST_WORDS


def _body_left(doc: Doc, i: int, floor: int) -> int:
    """Include a country qualifier before a body ("U.S. Department of ...")."""
    j = i - 1
    if j >= floor and doc[j].text in ("U.S.", "US", "U.S", "UK", "U.K."):
        return j
    if j - 1 >= floor and doc[j - 1].text == "United" and doc[j].text == "States":
        return j - 1
    if j >= floor and is_cap(doc[j]) and demonym_code(doc[j].text) and doc[j].tag_ != "POS":
        return j
    return i


def company_candidates(doc: Doc) -> list[Candidate]:
    """Company names that end in a legal form ("Co., Ltd.", "Company", "GmbH", "Industries")."""
    out: list[Candidate] = []
    for sent in doc.sents:
        s0, s1 = sent.start, sent.end
        i = s0
        while i < s1:
            tok = doc[i]
            if not is_cap(tok) or _word(tok) not in STRONG_LEGAL_FORMS:
                i += 1
                continue
            start = _extend_left(doc, i, s0)
            if start == i:
                i += 1
                continue
            end = i + 1
            # Take the rest of the legal form: "Co., Ltd.", "Company Limited", "(HK) Co".
            while end < s1:
                nxt = doc[end]
                if (
                    nxt.text in (",", ".")
                    and end + 1 < s1
                    and _word(doc[end + 1]) in LEGAL_FORM_TOKENS
                ):
                    end += 2
                elif is_cap(nxt) and _word(nxt) in LEGAL_FORM_TOKENS:
                    end += 1
                else:
                    break
            words = [_word(t) for t in doc[start:end] if t.is_alpha]
            if any(w not in LEGAL_FORM_TOKENS for w in words):
                out.append(Candidate(start, end, "Company", "rule", 2))
            i = end
    return out


def foreign_company_candidates(doc: Doc) -> list[Candidate]:
    """Persian and Chinese company names without a legal form ("Pishro Sanat Kish")."""
    out: list[Candidate] = []
    if not any(t.lower_ in _FOREIGN_WORDS for t in doc):
        return out
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            if not is_cap(doc[i]) or doc[i].lower_ in NOT_NAME_STARTS:
                i += 1
                continue
            end = _extend_right(doc, i, sent.end)
            for k in range(i, end):
                if doc[k].lower_ in ("and", "&", "of", "for"):
                    end = k
                    break
            words = [w for t in doc[i:end] for w in _pieces(t.text)]
            persian = sum(w in PERSIAN_COMPANY_WORDS for w in words)
            chinese = sum(w in CHINESE_COMPANY_WORDS for w in words)
            place = words[:1] and words[0] in CHINESE_PLACES
            industry = sum(w in ORG_INDICATORS for w in words)
            if len(words) >= 2 and (
                persian >= 2 or chinese >= 1 or (persian and industry) or (place and industry)
            ):
                out.append(Candidate(i, end, "Company", "rule", 2))
            i = max(end, i + 1)
    return out


def known_body_candidates(doc: Doc) -> list[Candidate]:
    """Agencies and groups written by one word or acronym: OFAC, BIS, MODAFL, IRGC, Hamas."""
    out: list[Candidate] = []
    for m in KNOWN_RE.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        type_, _ = KNOWN_BODIES[m.group(1)]
        out.append(Candidate(span.start, span.end, type_, "rule", 2))
    return out


# -- the model -------------------------------------------------------------------

MODEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country", "FAC": "Organization"}
FAC_ORG_WORDS = frozenset({"force", "corps", "command", "guard", "army", "brigade", "industries"})


def model_candidates(doc: Doc) -> tuple[list[Candidate], list[Span]]:
    """The model's entities, trimmed and typed; and the demonyms (NORP) it found."""
    out: list[Candidate] = []
    demonyms: list[Span] = []
    for ent in doc.ents:
        label = ent.label_
        if label == "NORP":
            if demonym_code(ent.text):
                demonyms.append(ent)
            continue
        type_ = MODEL_TYPES.get(label)
        if type_ is None:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if end <= start:
            continue
        if any("\n" in t.text or t.like_num for t in doc[start:end]):
            continue
        text = doc[start:end].text
        if label == "GPE":
            if country_code(text) is None:
                continue
        elif label == "FAC":
            if not any(_word(t) in FAC_ORG_WORDS for t in doc[start:end]):
                continue
        elif label == "PERSON":
            if not _person_like(doc[start:end]):
                continue
            if end - start == 1 and end < len(doc) and doc[end].text in (":", "of"):
                continue
        elif label == "ORG":
            if not _name_like(doc, start, end) or _not_an_org(doc[start:end]):
                continue
            if end - start == 1 and 0 < start < len(doc) - 1 and doc[start - 1].text == "(":
                continue  # an acronym in brackets counts only after a name (acronym_candidates)
            type_ = org_type(doc[start:end])
        out.append(Candidate(start, end, type_, "model", 1))
    return out, demonyms


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without leading determiners, a possessive and what follows it, or stray punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    for k in range(start, end):
        if doc[k].tag_ == "POS" or doc[k].text in APOSTROPHES:
            end = k
            break
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",)):
        end -= 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


NOT_ORG_LAST_WORDS = frozenset(
    """treaty act agreement convention regulations regulation plan program programme list
    rule rules resolution order law code register report deal""".split()
)


NOT_ORG_WORDS = frozenset(
    """register volume online docket contact access vehicle vehicles activities email page
    notice notices imposition measures sanctions against related""".split()
)
NOT_ENTITY_ACRONYMS = frozenset(
    """UAV UAVs UAS WMD EAR CFR ITAR RIN NPT JCPOA FTO FTOs SDN SDGT FR DPL USC ECCN CEO
    CFO GDP AI IT PDF FAQ""".split()
)


def _not_an_org(span: Span) -> bool:
    """A law, treaty, list or programme; or one ordinary word that the model took for a name."""
    words = [t for t in span if t.is_alpha]
    if not words or _word(words[-1]) in NOT_ORG_LAST_WORDS:
        return True
    if any(_word(t) in NOT_ORG_WORDS for t in words) or span.text in NOT_ENTITY_ACRONYMS:
        return True
    if len(span) == 1:
        text = span[0].text
        return not (text.isupper() and 2 <= len(text) <= 8)
    return False


def _person_like(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    if not words or any(not is_cap(t) for t in words):
        return False
    if len(words) == 1 and words[0].is_upper and len(words[0]) <= 5:
        return False  # an acronym
    return not any(t.like_num for t in span)


def org_type(span: Span) -> str:
    """Company, PublicBody or Organization, by the words of an organisation's name."""
    words = [_word(t) for t in span]
    if any(w in STRONG_LEGAL_FORMS for w in words):
        return "Company"
    if any(w in PUBLIC_BODY_WORDS for w in words):
        return "PublicBody"
    return "Organization"


# -- merging ---------------------------------------------------------------------


def select(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then the most trusted."""
    taken = [False] * len(doc)
    chosen: list[Candidate] = []
    for cand in candidates:
        while cand.start < cand.end and (doc[cand.start].like_num or doc[cand.start].is_punct):
            cand.start += 1
    candidates = [c for c in candidates if c.end > c.start]
    for cand in sorted(candidates, key=lambda c: (-c.priority, -c.length, c.start)):
        if any(taken[cand.start : cand.end]):
            continue
        if _joins_two(doc, cand, candidates):
            continue
        for k in range(cand.start, cand.end):
            taken[k] = True
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _joins_two(doc: Doc, cand: Candidate, candidates: list[Candidate]) -> bool:
    """A span that runs over two better-known names joined by "and" or a comma."""
    joints = [k for k in range(cand.start, cand.end) if doc[k].lower_ in ("and", ",", "&")]
    if not joints:
        return False
    inside = [
        c
        for c in candidates
        if c is not cand
        and c.priority >= cand.priority
        and cand.start <= c.start
        and c.end <= cand.end
    ]
    return any(a.end <= j < b.start for j in joints for a in inside for b in inside if a is not b)


def acronym_candidates(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """Acronyms defined after a name, "Name (ACR)", and every later use of them."""
    defined: dict[str, str] = {}
    out: list[Candidate] = []
    for cand in chosen:
        if cand.type == "Country" or cand.type == "Person":
            continue
        j = cand.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            acr = doc[j + 1].text
            if _ACRONYM.match(acr) and sum(c.isupper() for c in acr) >= 2:
                defined.setdefault(acr, cand.type)
                out.append(Candidate(j + 1, j + 2, cand.type, "acronym", 2))
        elif (
            j + 4 < len(doc)
            and doc[j].text == "("
            and doc[j + 4].text == ")"
            and doc[j + 2].text == "-"  # "(IRGC-QF)" is three tokens
            and not doc[j + 1].whitespace_
        ):
            acr = doc[j + 1 : j + 4].text
            if _ACRONYM.match(acr):
                defined.setdefault(acr, cand.type)
                out.append(Candidate(j + 1, j + 4, cand.type, "acronym", 2))
    if defined:
        pattern = re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(a) for a in sorted(defined, key=len, reverse=True))
            + r")(?!\w)"
        )
        for m in pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.append(Candidate(span.start, span.end, defined[m.group(1)], "acronym", 2))
    return out


def _type_legal_entities(doc: Doc, candidates: list[Candidate]) -> None:
    """A listed name of unknown kind takes the type the model gives the same words."""
    for cand in candidates:
        if cand.type != "LegalEntity":
            continue
        for other in candidates:
            overlaps = other.start < cand.end and cand.start < other.end
            if overlaps and other.origin == "model" and other.type != "Country":
                cand.type = other.type
                break
        else:
            cand.type = org_type(doc[cand.start : cand.end])


def recognize(doc: Doc, gazetteer: Gazetteer | None) -> tuple[list[Candidate], list[Span]]:
    """The domain entities of a parsed document, and its demonyms."""
    model, demonyms = model_candidates(doc)
    candidates = (
        gazetteer_candidates(doc, gazetteer)
        + public_body_candidates(doc)
        + company_candidates(doc)
        + foreign_company_candidates(doc)
        + known_body_candidates(doc)
        + model
    )
    _type_legal_entities(doc, candidates)
    chosen = select(doc, candidates)
    extra = acronym_candidates(doc, chosen)
    if extra:
        taken = {k for c in chosen for k in range(c.start, c.end)}
        chosen_extra = [c for c in extra if not any(k in taken for k in range(c.start, c.end))]
        # An acronym inside a longer model span loses to the acronym ("the IRGC-linked").
        chosen = select(doc, chosen + chosen_extra)
    taken = {k for c in chosen for k in range(c.start, c.end)}
    demonyms = [d for d in demonyms if not any(k in taken for k in range(d.start, d.end))]
    return chosen, demonyms


class EntityComponent:
    """The ``frontwatch_entities`` pipeline component: sets ``doc.ents`` to domain entities."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.gazetteer: Gazetteer | None = None

    def __call__(self, doc: Doc) -> Doc:
        chosen, demonyms = recognize(doc, self.gazetteer)
        spans = [Span(doc, c.start, c.end, label=c.type) for c in chosen]
        for span, cand in zip(spans, chosen, strict=True):
            span.id_ = cand.origin
        doc.spans["fw_demonyms"] = demonyms
        doc.set_ents(spans, default="outside")
        return doc


@Language.component("frontwatch_lines")
def mark_line_starts(doc: Doc) -> Doc:
    """A line break the text keeps (after ``soften_line_breaks``) starts a sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if ("\n" in prev.text or "\n" in prev.whitespace_) and not tok.is_space:
            tok.is_sent_start = True
    return doc


_SOFT_BREAK = re.compile(
    r"(?:(?<=[^\n]{40}[^.!?:;\s])|(?<=[^\n]{39}[A-Z]\.))[ \t]*\n(?=[ \t]*[^\s])"
)


def soften_line_breaks(text: str) -> str:
    """Hard-wrapped lines joined (a wrap becomes a space: the text keeps its length).

    A line break after a line of 40 characters or more that does not end a
    sentence is a wrap; every other line break is kept, and starts a sentence.
    """

    def join(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    return _SOFT_BREAK.sub(join, text)


@Language.factory("frontwatch_entities")
def make_entity_component(nlp: Language, name: str) -> EntityComponent:
    """Create the ``frontwatch_entities`` component (its gazetteer is set afterwards)."""
    return EntityComponent(nlp, name)
