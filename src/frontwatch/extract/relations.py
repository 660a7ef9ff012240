"""Relations from sentence structure: trigger words and their dependency arguments.

A relation is read only where the grammar of one sentence connects two entities
through a trigger, never from two names merely sharing a sentence:

- verbs with their agent and patient (active or passive) and prepositional
  objects: "X was charged by Y" / "Y charged X" -> X charged_by Y; "X exported
  parts to Y" -> X exported_to Y; "X is owned by Y" -> X owned_by Y;
- nouns describing an entity (apposition, copula, "serve as", a title before a
  name): "X, a front company for Y" -> X front_company_for Y; "X, a subsidiary
  of Y" -> X owned_by Y; "X, a Chinese national" -> X national_of China; "Y
  spokeswoman X", "X, the director of Y" -> X official_of Y;
- compounds and possessives: "IRGC-linked entities like X" -> X associated_with
  IRGC; "Hong Kong-based X" -> X located_in Hong Kong; "Iran's Ministry of
  Defense" -> located_in Iran; "the Commerce Department's Bureau of ..." -> part_of;
- lists of names standing for one argument ("four nationals — A, B, C and D —
  were charged by X") give one relation per name;
- chains of names separated by commas in contact and agency lines ("Office of
  ..., Bureau of ..., Department of State") -> part_of / employee_of.

Each relation keeps the sentence it comes from as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from frontwatch.extract.lexicon import (
    EMPLOYEE_NOUNS,
    MEMBER_NOUNS,
    NATIONAL_NOUNS,
    OFFICIAL_TITLES,
)
from frontwatch.extract.resolve import DocEntity, Resolution

PREDICATES = (
    "charged_by",
    "designated_by",
    "front_company_for",
    "supplied_to",
    "exported_to",
    "procured_for",
    "owned_by",
    "controlled_by",
    "official_of",
    "employee_of",
    "member_of",
    "part_of",
    "located_in",
    "national_of",
    "conspired_with",
    "associated_with",
)
SYMMETRIC = frozenset({"conspired_with", "associated_with"})

ORGS = frozenset({"Company", "Organization", "PublicBody"})
PARTIES = frozenset({"Person", "Company", "Organization", "PublicBody"})
ANY = frozenset({"Person", "Company", "Organization", "PublicBody", "Country"})
AUTHORITIES = frozenset({"PublicBody", "Country", "Organization"})
# predicate -> (subject types, object types)
TYPE_RULES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "charged_by": (PARTIES, AUTHORITIES),
    "designated_by": (PARTIES, AUTHORITIES),
    "front_company_for": (frozenset({"Company", "Organization"}), PARTIES),
    "supplied_to": (ANY, ANY),
    "exported_to": (ANY, ANY),
    "procured_for": (PARTIES, ANY),
    "owned_by": (ORGS, ANY),
    "controlled_by": (ORGS, ANY),
    "official_of": (frozenset({"Person"}), ORGS | {"Country"}),
    "employee_of": (frozenset({"Person"}), ORGS),
    "member_of": (PARTIES, ORGS),
    "part_of": (ORGS, ORGS),
    "located_in": (ORGS, frozenset({"Country"})),
    "national_of": (frozenset({"Person"}), frozenset({"Country"})),
    "conspired_with": (PARTIES, PARTIES),
    "associated_with": (PARTIES, PARTIES),
}

# verb lemma -> [(subject role, predicate, object role)]; roles: agent, patient, prep:a|b, dobj
VERB_RULES: dict[str, list[tuple[str, str, str]]] = {}


def _verbs(lemmas: str, rules: list[tuple[str, str, str]]) -> None:
    for lemma in lemmas.split():
        VERB_RULES[lemma] = rules


_verbs("charge indict prosecute", [("patient", "charged_by", "agent")])
_verbs(
    "designate sanction blacklist penalize penalise list",
    [("patient", "designated_by", "agent")],
)
_verbs(
    "supply sell ship deliver provide send transfer furnish",
    [("agent", "supplied_to", "prep:to"), ("agent", "supplied_to", "dobj_party")],
)
_verbs(
    "export reexport re-export transship smuggle divert",
    [("agent", "exported_to", "prep:to")],
)
_verbs(
    "procure purchase buy acquire obtain source",
    [("agent", "procured_for", "prep:for|on behalf of")],
)
_verbs("own", [("patient", "owned_by", "agent")])
_verbs("control operate", [("patient", "controlled_by", "agent")])
_verbs("employ hire", [("patient", "employee_of", "agent")])
_verbs("work", [("agent", "employee_of", "prep:for|at")])
_verbs("conspire collude", [("agent", "conspired_with", "prep:with")])
_verbs(
    "link associate affiliate tie connect",
    [("patient", "associated_with", "prep:to|with")],
)
_verbs("act", [("agent", "associated_with", "prep:on behalf of")])
_verbs("base locate headquarter register incorporate", [("patient", "located_in", "prep:in")])
_verbs("join", [("agent", "member_of", "dobj")])
_verbs("head lead chair run direct manage", [("agent", "official_of", "dobj")])

MISPARSED_FORMS = {
    "procured": "procure",
    "purchased": "procure",
    "supplied": "supply",
    "sold": "sell",
    "shipped": "ship",
    "exported": "export",
    "conspired": "conspire",
}
HELP_VERBS = frozenset({"help", "assist", "aid", "enable"})
PROCUREMENT_LEMMAS = frozenset(
    "export reexport procure purchase buy acquire obtain source supply ship smuggle".split()
)
HYPHEN_WORDS = {
    "based": "located_in",
    "linked": "associated_with",
    "affiliated": "associated_with",
    "connected": "associated_with",
    "backed": "associated_with",
    "owned": "owned_by",
    "controlled": "controlled_by",
}
NOUN_OF = {
    "front": ("front_company_for", ("for",)),
    "subsidiary": ("owned_by", ("of",)),
    "subsidiaries": ("owned_by", ("of",)),
    "unit": ("part_of", ("of",)),
    "division": ("part_of", ("of",)),
    "branch": ("part_of", ("of",)),
    "branches": ("part_of", ("of",)),
    "arm": ("part_of", ("of",)),
    "component": ("part_of", ("of",)),
    "affiliate": ("associated_with", ("of",)),
    "affiliates": ("associated_with", ("of",)),
    "agent": ("associated_with", ("for", "of")),
    "proxy": ("associated_with", ("for", "of")),
    "supplier": ("supplied_to", ("to", "for", "of")),
    "suppliers": ("supplied_to", ("to", "for", "of")),
    "owner": ("owns", ("of",)),
}
ORG_NOUNS = frozenset(
    "company companies firm firms entity entities supplier suppliers manufacturer distributor "
    "business businesses corporation group".split()
)
NOT_GOODS = frozenset(
    "support assistance help funding information guidance advice cover services service".split()
)
COPULAS = frozenset({"be", "become", "remain"})
AS_VERBS = frozenset({"serve", "act", "operate", "function", "work", "pose"})
CHARGE_NOUNS = frozenset({"charge", "charges", "indictment", "complaint", "case"})
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a relation, with its offsets in the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Relation:
    """``subject predicate object`` between two entities of a document (their indices)."""

    subject: int
    predicate: str
    object: int
    evidence: Evidence


class RelationReader:
    """Reads the relations of one parsed, resolved document."""

    def __init__(self, doc: Doc, res: Resolution, original: str | None = None) -> None:
        self.doc = doc
        self.text = original if original is not None else doc.text
        self.res = res
        self.entities = res.entities
        self.found: dict[tuple[int, str, int], Relation] = {}
        self._country_entities: dict[str, int] = {
            e.country: e.index for e in res.entities if e.country
        }
        self.extra_countries: dict[str, int] = {}

    # -- arguments -------------------------------------------------------------

    def ent(self, tok: Token) -> int | None:
        return self.res.token_entity.get(tok.i)

    def expand(self, tok: Token, depth: int = 0) -> list[int]:
        """The entities a token stands for: its own, or a list of names it heads."""
        if depth > 6:
            return []
        out: list[int] = []
        own = self.ent(tok)
        if own is not None:
            out.append(own)
            for child in tok.children:
                if self.ent(child) == own:
                    continue
                if (
                    child.dep_ in ("conj", "appos")
                    and self.ent(child) is not None
                    or child.dep_ == "conj"
                    and child.pos_ in ("PROPN", "NOUN")
                ):
                    out.extend(self.expand(child, depth + 1))
            # a name inside a mention whose own head is elsewhere in the mention
            head = tok.head
            if head.i != tok.i and self.ent(head) == own and depth == 0:
                for child in head.children:
                    if child.dep_ in ("conj", "appos") and self.ent(child) not in (None, own):
                        out.extend(self.expand(child, depth + 1))
            return _unique(out)
        if tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            return []
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            return self.expand(tok.head.head, depth + 1)
        for child in tok.children:
            if child.dep_ in ("appos", "conj") or (
                child.dep_ == "compound" and self.ent(child) is not None and child.i > tok.i
            ):
                out.extend(self.expand(child, depth + 1))
            elif child.dep_ == "prep" and child.lower_ in ("like", "including", "as"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(self.expand(pobj, depth + 1))
            elif child.dep_ == "amod" and child.lower_ == "such":
                pass
        if not out:
            out.extend(self._surface_list(tok))
        return _unique(out)

    def _surface_list(self, tok: Token) -> list[int]:
        """Names listed right after a noun, between dashes, after a colon or in brackets."""
        doc = self.doc
        i = tok.i + 1
        if i >= len(doc) or doc[i].text not in ("—", "–", "-", ":", "(", "--"):
            return []
        out: list[int] = []
        j = i + 1
        while j < len(doc) and j < i + 60:
            e = self.ent(doc[j])
            if e is not None:
                if e not in out:
                    out.append(e)
                while j < len(doc) and self.ent(doc[j]) == e:
                    j += 1
                continue
            if doc[j].text in (",", "and", "or", ";") or doc[j].is_space:
                j += 1
                continue
            break
        return out if len(out) >= 2 else []

    def described(self, noun: Token) -> list[int]:
        """The entities a describing noun is said of ("X, a front for Y"; "X is a national")."""
        if noun.dep_ == "appos" and noun.head.i != noun.i:
            found = self.expand(noun.head)
            if found:
                return found
        if noun.dep_ in ("attr", "acomp") and noun.head.lemma_ in COPULAS:
            return self.surface_subjects(noun.head)
        if noun.dep_ == "pobj" and noun.head.lower_ == "as":
            verb = noun.head.head
            if verb.lemma_ in AS_VERBS:
                return self.surface_subjects(verb)
            if self.ent(verb) is not None:
                return self.expand(verb)
        for child in noun.children:
            if child.dep_ == "appos" and self.ent(child) is not None:
                return self.expand(child)
        if noun.dep_ in ("compound", "nmod") and self.ent(noun.head) is not None:
            return [e for e in [self.ent(noun.head)] if e is not None]
        surface = self._surface_list(noun)
        if surface:
            return surface
        # "X, an Iranian company based in ..." parsed as a bare noun after a comma
        prev = noun.left_edge.i - 1
        if prev >= 1 and self.doc[prev].text == ",":
            e = self.ent(self.doc[prev - 1])
            if e is not None:
                return [e]
        return []

    def surface_subjects(self, verb: Token, depth: int = 0) -> list[int]:
        """The grammatical subject of a verb, inherited along conj/xcomp/advcl/pcomp/acl."""
        if depth > 5:
            return []
        for child in verb.children:
            if child.dep_ in SUBJ_DEPS:
                found = self.expand(child)
                if found:
                    return found
                if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                    return self.expand(verb.head)
                return []
        dep = verb.dep_
        head = verb.head
        if head.i == verb.i:
            return []
        if dep in ("conj", "xcomp", "advcl", "ccomp"):
            return self.surface_subjects(head, depth + 1)
        if dep == "pcomp" and head.dep_ == "prep":
            up = head.head
            if up.pos_ in ("VERB", "AUX"):
                return self.surface_subjects(up, depth + 1)
        if dep in ("acl", "relcl"):
            return self.expand(head)
        return []

    def is_passive(self, verb: Token) -> bool:
        deps = {c.dep_ for c in verb.children}
        if "nsubjpass" in deps or "auxpass" in deps:
            return True
        return verb.tag_ == "VBN" and (verb.dep_ in ("acl", "amod") or "agent" in deps)

    def agent(self, verb: Token) -> list[int]:
        if self.is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent":
                    return [e for p in child.children if p.dep_ == "pobj" for e in self.expand(p)]
            return []
        return self.surface_subjects(verb)

    def patient(self, verb: Token) -> list[int]:
        if self.is_passive(verb):
            return self.surface_subjects(verb)
        found = [e for c in verb.children if c.dep_ == "dobj" for e in self.expand(c)]
        if not found:
            # a name the parser hung on the verb by its last token ("Co. Ltd." as punct)
            found = [
                e
                for c in verb.rights
                if c.dep_ in ("punct", "dep", "npadvmod", "oprd") and self.ent(c) is not None
                for e in self.expand(c)
            ]
        return found

    def prep_objects(self, verb: Token, preps: Iterable[str]) -> list[int]:
        wanted = set(preps)
        out: list[int] = []
        for child in verb.children:
            if child.dep_ not in ("prep", "dative") or child.dep_ == "agent":
                continue
            word = child.lower_
            if word == "on" and "on behalf of" in wanted:
                for pobj in child.children:
                    if pobj.lower_ == "behalf":
                        for of in pobj.children:
                            if of.lower_ == "of":
                                out.extend(e for p in of.children for e in self.expand(p))
                continue
            if word in wanted:
                out.extend(e for p in child.children if p.dep_ == "pobj" for e in self.expand(p))
        return out

    def role(self, verb: Token, role: str) -> list[int]:
        if role == "agent":
            return self.agent(verb)
        if role == "patient":
            return self.patient(verb)
        if role == "dobj":
            return [e for c in verb.children if c.dep_ == "dobj" for e in self.expand(c)]
        if role == "dobj_party":
            found = [e for c in verb.children if c.dep_ == "dobj" for e in self.expand(c)]
            return [e for e in found if self.entities[e].type in PARTIES | {"Country"}]
        if role.startswith("prep:"):
            return self.prep_objects(verb, role[5:].split("|"))
        return []

    # -- recording -------------------------------------------------------------

    def add(
        self, subjects: Iterable[int], predicate: str, objects: Iterable[int], tok: Token
    ) -> None:
        objects = list(objects)
        for s in subjects:
            for o in objects:
                self.add_one(s, predicate, o, tok)

    def add_one(self, s: int, predicate: str, o: int, tok: Token) -> None:
        if s == o:
            return
        if predicate == "owns":
            s, o, predicate = o, s, "owned_by"
        if predicate == "official_of" and self.entities[s].type != "Person":
            predicate = "controlled_by" if self.entities[o].type != "Country" else "located_in"
            s, o = (o, s) if predicate == "controlled_by" else (s, o)
        subj_types, obj_types = TYPE_RULES[predicate]
        if self.entities[s].type not in subj_types or self.entities[o].type not in obj_types:
            return
        if predicate in SYMMETRIC and (o, predicate, s) in self.found:
            return
        key = (s, predicate, o)
        if key in self.found:
            return
        sent = tok.sent
        text = self.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        self.found[key] = Relation(s, predicate, o, Evidence(text[start:end], start, end))

    def country_entity(self, code: str, tok: Token) -> int:
        """The Country entity for a demonym, made when the document never names the country."""
        idx = self._country_entities.get(code)
        if idx is not None:
            return idx
        from frontwatch.extract.resolve import DocEntity, Mention

        ent = DocEntity(len(self.entities), "Country", country=code)
        ent.mentions.append(
            Mention(tok.idx, tok.idx + len(tok.text), tok.text, tok.i, tok.i + 1, "demonym")
        )
        self.entities.append(ent)
        self._country_entities[code] = ent.index
        return ent.index

    def demonym_of(self, tok: Token) -> int | None:
        code = self.res.demonyms.get(tok.i)
        return self.country_entity(code, tok) if code else None

    # -- readers ---------------------------------------------------------------

    def read(self) -> list[Relation]:
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                self.verb(tok, lemma)
            elif tok.dep_ == "amod" and tok.lower_ in MISPARSED_FORMS:
                self.misparsed_verb(tok)
            if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN"):
                self.noun(tok)
            if tok.lower_ in HYPHEN_WORDS:
                self.hyphenated(tok)
            if tok.dep_ == "poss" or (
                tok.dep_ == "nmod" and any(c.dep_ == "case" for c in tok.children)
            ):
                self.possessive(tok)
        self.parenthesised_countries()
        self.comma_chains()
        self.pronoun_subjects()
        return list(self.found.values())

    def misparsed_verb(self, tok: Token) -> None:
        """A past-tense trigger the parser took for an adjective after an apposition.

        "Li Yongxin, also known as Emma Lee, procured parts for X": the small model
        reads "procured" as an adjective of "parts"; the subject is then the name
        that opens the sentence and the objects hang on the noun.
        """
        lemma = MISPARSED_FORMS.get(tok.lower_)
        if lemma is None or tok.i == 0 or self.doc[tok.i - 1].text != ",":
            return
        first = self.ent(tok.sent[0])
        if first is None:
            return
        noun = tok.head
        for _subj_role, predicate, obj_role in VERB_RULES[lemma]:
            if not obj_role.startswith("prep:"):
                continue
            preps = set(obj_role[5:].split("|"))
            objects = [
                e
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in preps
                for p in c.children
                if p.dep_ == "pobj"
                for e in self.expand(p)
            ]
            self.add([first], predicate, objects, tok)

    def verb(self, tok: Token, lemma: str) -> None:
        if lemma in HELP_VERBS:
            helped = [e for c in tok.children if c.dep_ == "dobj" for e in self.expand(c)]
            means = [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "by"
                for g in c.children
                if g.dep_ == "pcomp" and g.lemma_.lower() in PROCUREMENT_LEMMAS
            ]
            means += [
                c
                for c in tok.children
                if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in PROCUREMENT_LEMMAS
            ]
            if helped and means:
                self.add(self.surface_subjects(tok), "procured_for", helped, tok)
            return
        rules = VERB_RULES.get(lemma)
        if not rules:
            return
        if lemma in ("list", "add") and not self._about_a_list(tok):
            return
        if lemma in ("provide", "supply", "send") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in NOT_GOODS for c in tok.children
        ):
            return
        for subj_role, predicate, obj_role in rules:
            subjects = self.role(tok, subj_role)
            if not subjects:
                continue
            objects = self.role(tok, obj_role)
            self.add(subjects, predicate, objects, tok)
            if predicate == "conspired_with" and len(subjects) > 1:
                for a in subjects:
                    for b in subjects:
                        if a < b:
                            self.add_one(a, predicate, b, tok)

    def _about_a_list(self, tok: Token) -> bool:
        return any("List" in t.text for t in tok.subtree)

    def noun(self, tok: Token) -> None:
        word = tok.lower_
        if word in ORG_NOUNS and any(
            c.lower_ == "front" and c.dep_ in ("amod", "compound") for c in tok.children
        ):
            word = "front"
        if word in NOUN_OF:
            predicate, preps = NOUN_OF[word]
            subjects = self.described(tok)
            if subjects:
                objects = [
                    e
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in preps
                    for p in c.children
                    if p.dep_ == "pobj"
                    for e in self.expand(p)
                ]
                objects += [e for c in tok.children if c.dep_ == "poss" for e in self.expand(c)]
                self.add(subjects, predicate, objects, tok)
        if word in CHARGE_NOUNS:
            against = [
                e
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "against"
                for p in c.children
                if p.dep_ == "pobj"
                for e in self.expand(p)
            ]
            if against and tok.dep_ in ("dobj", "nsubjpass"):
                self.add(
                    against,
                    "charged_by",
                    self.agent(tok.head)
                    if tok.dep_ == "nsubjpass"
                    else self.surface_subjects(tok.head),
                    tok,
                )
        if word in OFFICIAL_TITLES or word in EMPLOYEE_NOUNS or word in MEMBER_NOUNS:
            self.title(tok, word)
        if word in NATIONAL_NOUNS or word in ORG_NOUNS:
            self.nationality(tok, word)

    def title(self, tok: Token, word: str) -> None:
        persons = [e for e in self.described(tok) if self.entities[e].type == "Person"]
        if not persons:
            return
        predicate = (
            "official_of"
            if word in OFFICIAL_TITLES
            else "employee_of"
            if word in EMPLOYEE_NOUNS
            else "member_of"
        )
        objects: list[int] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "at", "for", "with"):
                objects += [e for p in child.children if p.dep_ == "pobj" for e in self.expand(p)]
            elif child.dep_ == "poss" or (
                child.dep_ in ("compound", "nmod", "amod") and child.i < tok.i
            ):
                for t in child.subtree:
                    e = self.ent(t)
                    if e is not None and e not in persons:
                        objects.append(e)
                        break
                else:
                    d = self.demonym_of(child)
                    if d is not None:
                        objects.append(d)
        if not objects:
            for child in tok.children:
                if child.dep_ in ("compound", "amod") and child.i < tok.i:
                    for t in child.subtree:
                        d = self.demonym_of(t)
                        if d is not None:
                            objects.append(d)
                            break
        self.add(persons, predicate, _unique(objects), tok)

    def nationality(self, tok: Token, word: str) -> None:
        countries = [
            d
            for c in tok.children
            if c.dep_ in ("amod", "compound", "nmod")
            for d in [self.demonym_of(c) if self.ent(c) is None else self._country_of(c)]
            if d is not None
        ]
        if not countries:
            return
        subjects = self.described(tok) or self.expand(tok)
        predicate = "national_of" if word in NATIONAL_NOUNS else "located_in"
        for s in subjects:
            pred = predicate
            if self.entities[s].type in ORGS:
                pred = "located_in"
            elif self.entities[s].type == "Person":
                pred = "national_of"
            self.add([s], pred, countries, tok)

    def _country_of(self, tok: Token) -> int | None:
        e = self.ent(tok)
        return e if e is not None and self.entities[e].type == "Country" else None

    def hyphenated(self, tok: Token) -> None:
        """ "IRGC-linked entities like X", "Hong Kong-based X", "state-owned" ..."""
        if tok.i < 2 or self.doc[tok.i - 1].text not in ("-", "–"):
            return
        target = self.ent(self.doc[tok.i - 2])
        if target is None:
            return
        predicate = HYPHEN_WORDS[tok.lower_]
        noun = tok.head if tok.dep_ in ("amod", "compound", "acl") else None
        if noun is None or noun.i == tok.i:
            return
        subjects = [e for e in self.expand(noun) if e != target] or self.described(noun)
        self.add(subjects, predicate, [target], tok)

    def possessive(self, tok: Token) -> None:
        """Possessives: "Iran's Ministry" -> located_in; "the Department's Bureau" -> part_of."""
        owner = self.ent(tok)
        owned = self.ent(tok.head)
        if owner is None or owned is None or owner == owned:
            return
        a, b = self.entities[owned], self.entities[owner]
        if b.type == "Country" and a.type in ORGS:
            self.add_one(owned, "located_in", owner, tok)
        elif (
            a.type == "PublicBody"
            and b.type == "PublicBody"
            or a.type == "Organization"
            and b.type == "Organization"
        ):
            self.add_one(owned, "part_of", owner, tok)

    def parenthesised_countries(self) -> None:
        """ "Changgwang Sinyong Corporation (North Korea)" -> located_in North Korea."""
        doc = self.doc
        for ent in self.entities:
            if ent.type not in ("Company", "Organization"):
                continue
            for m in ent.mentions:
                j = m.token_end
                if j + 1 < len(doc) and doc[j].text == "(":
                    c = self.ent(doc[j + 1])
                    if c is None or self.entities[c].type != "Country":
                        continue
                    k = j + 1
                    while k < len(doc) and self.ent(doc[k]) == c:
                        k += 1
                    if k < len(doc) and doc[k].text == ")":
                        self.add_one(ent.index, "located_in", c, doc[j])

    def comma_chains(self) -> None:
        """Names joined only by commas: "Office of X, Bureau of Y, Department of State"."""
        doc = self.doc
        text = doc.text
        mentions = sorted(
            ((m.start, m.end, e.index, m.token_start) for e in self.entities for m in e.mentions),
        )
        runs: list[list[tuple[int, int, int, int]]] = []
        run: list[tuple[int, int, int, int]] = []
        enumerated = False
        for mention in mentions:
            if run:
                gap = text[run[-1][1] : mention[0]]
                if gap.strip() == ",":
                    run.append(mention)
                    continue
                if gap.strip() in (", and", "and", ", or", "or"):
                    enumerated = True
                if len(run) > 1 and not enumerated:
                    runs.append(run)
                if gap.strip() not in (", and", "and", ", or", "or"):
                    enumerated = False
            run = [mention]
        if len(run) > 1 and not enumerated:
            runs.append(run)
        for run in runs:
            end = run[-1][1]
            after = text[end : end + 6].lstrip()
            if after.startswith(("and", "or", ", and", ", or")):
                continue
            for a, b in zip(run, run[1:], strict=False):
                ea, eb = self.entities[a[2]], self.entities[b[2]]
                tok = doc[a[3]]
                if ea.type == "PublicBody" and eb.type == "PublicBody":
                    self.add_one(a[2], "part_of", b[2], tok)
                elif ea.type == "Person" and eb.type in ORGS:
                    self.add_one(a[2], "employee_of", b[2], tok)

    def pronoun_subjects(self) -> None:
        """Nothing is read from pronouns: a relation needs both names in its sentence."""
        return None


def _unique(items: Iterable[int]) -> list[int]:
    out: list[int] = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def read_relations(
    doc: Doc, res: Resolution, original: str | None = None
) -> tuple[list[Relation], list[DocEntity]]:
    """The relations a resolved document states, and its entities (countries may be added)."""
    reader = RelationReader(doc, res, original)
    relations = reader.read()
    return relations, reader.entities
