"""Mentions into entities, within one document.

The spans of ``recognize.py`` are grouped into entities:

- the same name again, written the same way or with another case, "the", a
  country prefix ("US Department of Justice" = "Department of Justice"), or
  turned round ("Justice Department" = "Department of Justice");
- short forms: a surname or given name alone ("Li", "Cheng") is the last person
  named with it; an organisation's name without its legal form or cut short
  ("Shiraz Electronics" = "Shiraz Electronics Industries") is that organisation;
- acronyms introduced in parentheses ("... Corps (IRGC)") and the acronyms
  frontwatch knows (IRGC, MODAFL, OFAC ...) are aliases of the full name;
- names introduced by "also known as", "a.k.a.", "formerly known as", "doing
  business as" are aliases of the entity before them;
- "the company", "the firm", "the ministry" ... refer to the last entity of that
  kind named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from frontwatch.extract.lexicon import (
    ANAPHORS,
    KNOWN_BODIES,
    country_code,
    country_name,
    demonym_code,
)
from frontwatch.match.names import tokenize
from frontwatch.match.orgs import split_legal_form

COUNTRY_PREFIXES = (("us",), ("u", "s"), ("united", "states"), ("uk",), ("u", "k"))
ALIAS_MARKER = re.compile(
    r"""^\s*[,(]?\s*(?:also\s+known\s+as|a\.?k\.?a\.?|formerly\s+known\s+as|f\.?k\.?a\.?|
    also\s+called|doing\s+business\s+as|d/b/a|now\s+known\s+as|n\.?k\.?a\.?)\s*[:,]?\s*""",
    re.I | re.X,
)
QUOTED = re.compile(r"""^["“'‘]([^"”'’]{2,80})["”'’]""")
# Between two aliases: "a.k.a. 'X', 'Y' and 'Z'" (quoted) or "a.k.a. X or Y".
ALIAS_JOIN = re.compile(
    r"""^\s*(?:,\s*(?:and|or)?\s*(?=["“'‘])|(?:and\s+)(?=["“'‘])|,?\s*or\s+)""", re.I
)


@dataclass
class Mention:
    """Where an entity is named: character offsets in the document text and tokens."""

    start: int
    end: int
    text: str
    token_start: int
    token_end: int
    kind: str  # "name", "short", "acronym", "alias", "anaphor"


@dataclass
class DocEntity:
    """One entity of a document, with all its mentions."""

    index: int
    type: str
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # full names as written, first first
    acronyms: list[str] = field(default_factory=list)
    expansions: list[str] = field(default_factory=list)  # full names known for an acronym
    country: str | None = None  # for Country entities: the ISO code
    countries: set[str] = field(default_factory=set)  # what the document says of it
    priority: int = 0

    @property
    def name(self) -> str:
        """The entity's name: the country's, else the fullest name as written."""
        if self.type == "Country" and self.country:
            return country_name(self.country)
        if self.names:
            return max(self.names, key=lambda n: (len(tokenize(n)), len(n), -self.names.index(n)))
        if self.expansions:
            return self.expansions[0]
        return self.acronyms[0] if self.acronyms else self.mentions[0].text

    @property
    def aliases(self) -> list[str]:
        """Other names of the entity in the document (forms, acronyms, a.k.a. names)."""
        main = self.name
        seen = {main.lower()}
        out: list[str] = []
        for n in [*self.names, *self.acronyms]:
            if n.lower() not in seen:
                seen.add(n.lower())
                out.append(n)
        if self.type == "Country":
            return [a for a in out if country_code(a) or a.isupper()]
        return out

    def tokens(self) -> set[str]:
        """Every word of the entity's names."""
        return {t for n in self.names for t in tokenize(n)}


@dataclass
class Resolution:
    """A document's entities and which entity each token belongs to."""

    entities: list[DocEntity]
    token_entity: dict[int, int]  # token index -> entity index
    demonyms: dict[int, str]  # token index -> country code


def name_keys(text: str, type_: str) -> list[tuple[str, ...]]:
    """The keys under which a name is the same entity."""
    tokens = tokenize(text)
    if tokens[:1] == ("the",):
        tokens = tokens[1:]
    if not tokens:
        return []
    keys = [tokens]
    if type_ in ("PublicBody", "Organization"):
        for prefix in COUNTRY_PREFIXES:
            if tokens[: len(prefix)] == prefix and len(tokens) > len(prefix) + 1:
                keys.append(tokens[len(prefix) :])
        for key in list(keys):
            # "Justice Department" = "Department of Justice"; "Department of the Treasury"
            if len(key) == 2 and key[1] in ("department", "ministry"):
                keys.append((key[1], "of", key[0]))
            if "the" in key:
                keys.append(tuple(t for t in key if t != "the"))
    if type_ in ("Company", "Organization"):
        core, forms = split_legal_form(tokens)
        if forms and core and len(core) >= 1 and core != tokens:
            keys.append(core)
    return keys


class Resolver:
    """Groups the entity spans of one parsed document."""

    def __init__(self, doc: Doc, original: str | None = None) -> None:
        self.doc = doc
        self.original = original
        self.entities: list[DocEntity] = []
        self.by_key: dict[tuple[str, ...], int] = {}
        self.by_country: dict[str, int] = {}
        self.token_entity: dict[int, int] = {}

    def run(self) -> Resolution:
        doc = self.doc
        ents = list(doc.ents)
        alias_of = self._alias_links(ents)
        for n, span in enumerate(ents):
            if n in alias_of:
                target = self._entity_of_span(ents[alias_of[n]])
                if target is not None:
                    self._add_mention(target, span, "alias")
                    target.names.append(" ".join(span.text.split()))
                    self._register(target, span.text)
                    continue
            self._place(span, ents, n)
        self._free_aliases(ents)
        self._anaphors()
        demonyms = {}
        for span in doc.spans.get("fw_demonyms", []):
            code = demonym_code(span.text)
            if code:
                for k in range(span.start, span.end):
                    demonyms[k] = code
        for tok in doc:
            if tok.i not in self.token_entity and tok.i not in demonyms and tok.pos_ == "ADJ":
                code = demonym_code(tok.text) if tok.text[:1].isupper() else None
                if code:
                    demonyms[tok.i] = code
        return Resolution(self.entities, self.token_entity, demonyms)

    # -- placing one span ------------------------------------------------------

    def _place(self, span: Span, ents: list[Span], n: int) -> None:
        type_ = span.label_
        text = " ".join(span.text.split())
        priority = {"gazetteer": 3, "rule": 2, "acronym": 2}.get(span.id_, 1)
        if type_ == "Country":
            code = country_code(text)
            if code is None:
                return
            idx = self.by_country.get(code)
            if idx is None:
                ent = self._new("Country", priority)
                ent.country = code
                self.by_country[code] = ent.index
            else:
                ent = self.entities[idx]
            ent.names.append(text)
            self._add_mention(ent, span, "name")
            return
        # An acronym defined right after its name: "Name (ACR)".
        if n > 0 and span.start >= 2 and self.doc[span.start - 1].text == "(":
            prev = ents[n - 1]
            if prev.end == span.start - 1 and prev.label_ != "Country" and _acronym_like(text):
                target = self._entity_of_span(prev)
                if target is not None and not self._known_elsewhere(text, target):
                    target.acronyms.append(text)
                    full = KNOWN_BODIES.get(text, ("", None))[1]
                    if full and full not in target.expansions:
                        target.expansions.append(full)
                    self._register(target, text)
                    self._add_mention(target, span, "acronym")
                    return
        found = self._find(text, type_)
        if found is None and type_ in ("Person", "Organization") and len(span) == 1:
            found = self._short_person(text)
            if found is not None:
                type_ = "Person"
        if found is None and type_ == "Person" and len(tokenize(text)) == 1:
            found = self._short_person(text)
        if found is None and type_ in ("Company", "Organization"):
            found = self._short_org(text)
        if found is None:
            ent = self._new(type_, priority)
        else:
            ent = found
            if priority > ent.priority and ent.type != type_:
                ent.type = type_
                ent.priority = priority
        kind = "name"
        if text in KNOWN_BODIES or (_acronym_like(text) and len(tokenize(text)) == 1):
            if text not in ent.acronyms:
                ent.acronyms.append(text)
            full = KNOWN_BODIES.get(text, ("", None))[1]
            if full and full not in ent.expansions:
                ent.expansions.append(full)
                self._register(ent, full)
            kind = "acronym"
        elif found is not None and ent.type == "Person" and len(tokenize(text)) == 1:
            kind = "short"
        else:
            ent.names.append(text)
        self._register(ent, text)
        self._add_mention(ent, span, kind)

    def _known_elsewhere(self, acr: str, target: DocEntity) -> bool:
        full = KNOWN_BODIES.get(acr, ("", None))[1]
        if not full:
            return False
        idx = self._find(full, target.type)
        return idx is not None and idx is not target

    def _find(self, text: str, type_: str) -> DocEntity | None:
        for key in name_keys(text, type_):
            idx = self.by_key.get(key)
            if idx is not None:
                ent = self.entities[idx]
                if _compatible(ent.type, type_):
                    return ent
        return None

    def _short_person(self, text: str) -> DocEntity | None:
        """The last person named with this surname or given name."""
        tokens = tokenize(text)
        if len(tokens) != 1:
            return None
        best: DocEntity | None = None
        best_pos = -1
        for ent in self.entities:
            if ent.type == "Person" and tokens[0] in ent.tokens():
                pos = ent.mentions[-1].start if ent.mentions else -1
                if pos > best_pos:
                    best, best_pos = ent, pos
        return best

    def _short_org(self, text: str) -> DocEntity | None:
        """The organisation whose name this one begins or cuts short (legal forms aside)."""
        core = split_legal_form(tokenize(text))[0]
        if len(core) < 2:
            return None
        for ent in reversed(self.entities):
            if ent.type not in ("Company", "Organization"):
                continue
            for name in ent.names:
                other = split_legal_form(tokenize(name))[0]
                if len(other) >= 2 and (other[: len(core)] == core or core[: len(other)] == other):
                    return ent
        return None

    def _new(self, type_: str, priority: int) -> DocEntity:
        ent = DocEntity(len(self.entities), type_, priority=priority)
        self.entities.append(ent)
        return ent

    def _register(self, ent: DocEntity, text: str) -> None:
        for key in name_keys(text, ent.type):
            self.by_key.setdefault(key, ent.index)

    def _add_mention(self, ent: DocEntity, span: Span, kind: str) -> None:
        text = self.original[span.start_char : span.end_char] if self.original else span.text
        ent.mentions.append(
            Mention(span.start_char, span.end_char, text, span.start, span.end, kind)
        )
        for k in range(span.start, span.end):
            self.token_entity[k] = ent.index

    def _entity_of_span(self, span: Span) -> DocEntity | None:
        idx = self.token_entity.get(span.start)
        return self.entities[idx] if idx is not None else None

    # -- aliases ---------------------------------------------------------------

    def _alias_links(self, ents: list[Span]) -> dict[int, int]:
        """Spans that an alias marker introduces: ``{alias span: named span}``."""
        text = self.doc.text
        links: dict[int, int] = {}
        starts = {s.start_char: n for n, s in enumerate(ents)}
        for n, span in enumerate(ents):
            if span.label_ == "Country":
                continue
            m = ALIAS_MARKER.match(text[span.end_char : span.end_char + 60])
            if not m:
                continue
            pos = span.end_char + m.end()
            while True:
                quote = text[pos : pos + 1] in "\"“'‘" and text[pos : pos + 1] != ""
                nxt = starts.get(pos + 1 if quote else pos)
                if nxt is None or nxt <= n:
                    break
                links[nxt] = links.get(n, n)
                pos = ents[nxt].end_char + (1 if quote else 0)
                j = ALIAS_JOIN.match(text[pos : pos + 12])
                if not j:
                    break
                pos += j.end()
        return links

    def _free_aliases(self, ents: list[Span]) -> None:
        """Aliases after a marker that no recognizer found: quoted, or a capitalised run."""
        doc = self.doc
        text = doc.text
        for span in ents:
            ent = self._entity_of_span(span)
            if ent is None or ent.type == "Country":
                continue
            m = ALIAS_MARKER.match(text[span.end_char : span.end_char + 60])
            if not m:
                continue
            pos = span.end_char + m.end()
            for _ in range(4):
                if self._token_at(pos) in self.token_entity:
                    break
                q = QUOTED.match(text[pos:])
                if q:
                    start, end = pos + 1, pos + 1 + len(q.group(1))
                else:
                    start, end = pos, self._cap_run_end(pos)
                if end <= start:
                    break
                alias = doc.char_span(start, end, alignment_mode="expand")
                if alias is None or any(
                    k in self.token_entity for k in range(alias.start, alias.end)
                ):
                    break
                ent.names.append(" ".join(alias.text.split()))
                self._register(ent, alias.text)
                self._add_mention(ent, alias, "alias")
                pos = alias.end_char + (1 if q else 0)
                j = ALIAS_JOIN.match(text[pos : pos + 12])
                if not j:
                    break
                pos += j.end()

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else -1

    def _cap_run_end(self, char: int) -> int:
        span = self.doc.char_span(char, min(char + 1, len(self.doc.text)), alignment_mode="expand")
        if span is None:
            return char
        end = char
        for tok in self.doc[span.start :]:
            if tok.text[:1].isupper() or (tok.lower_ in ("of", "and", "&") and end > char):
                if tok.lower_ in ("and",) and not tok.nbor(1).text[:1].isupper():
                    break
                if tok.lower_ == "and":
                    break
                end = tok.idx + len(tok.text)
                continue
            if tok.text in (".",) and end == tok.idx and len(self.doc.text) > tok.idx + 1:
                end = tok.idx + 1
                continue
            break
        return end

    # -- anaphors --------------------------------------------------------------

    def _anaphors(self) -> None:
        """ "the company", "the firm", "the ministry" -> the last such entity named before."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "the" or tok.i + 1 >= len(doc):
                continue
            noun = doc[tok.i + 1]
            types = ANAPHORS.get(noun.lower_)
            if types is None or noun.i in self.token_entity or noun.tag_ not in ("NN",):
                continue
            if noun.i + 1 < len(doc) and (
                doc[noun.i + 1].pos_ == "PROPN" or doc[noun.i + 1].text == "’s"
            ):
                continue
            best: DocEntity | None = None
            best_pos = -1
            for ent in self.entities:
                if ent.type not in types:
                    continue
                before = [m.start for m in ent.mentions if m.start < tok.idx]
                if before and max(before) > best_pos:
                    best, best_pos = ent, max(before)
            if best is not None:
                span = doc[tok.i : noun.i + 1]
                self._add_mention(best, span, "anaphor")


def _acronym_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= 2 and " " not in text


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    orgs = {"Company", "Organization", "PublicBody"}
    return a in orgs and b in orgs


def resolve(doc: Doc, original: str | None = None) -> Resolution:
    """The entities of a document whose ``doc.ents`` the entity component has set.

    ``original`` is the document text when the parsed text differs from it only by
    joined line wraps (same length): mentions quote the original.
    """
    return Resolver(doc, original).run()
