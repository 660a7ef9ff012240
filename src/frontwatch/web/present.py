"""Words for the web pages: scores as verdicts, features as sentences, names by script.

Pure functions over screening results and entity views, so that each page's
template only lays things out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any
from urllib.parse import quote

from followthemoney import model
from followthemoney.types import registry
from markupsafe import Markup, escape

from frontwatch.match.index import IndexedEntity
from frontwatch.match.screen import Query, Result

FEATURE_LABELS = {
    "name": "Name",
    "weak_alias": "Weak alias",
    "common_name": "Common name",
    "country_match": "Country agrees",
    "country_mismatch": "Country differs",
    "birth_date_match": "Birth date agrees",
    "birth_date_mismatch": "Birth date differs",
    "birth_date_not_compared": "Birth date not compared",
    "identifier_match": "Identifier listed",
    "one_name_part": "One name part in common",
    "not_an_organisation": "An organisation's name against a person",
    "other_chinese_name": "Another Chinese name",
}
SCRIPTS = {
    "LATIN": "Latin",
    "CJK": "Chinese characters",
    "CYRILLIC": "Cyrillic",
    "ARABIC": "Arabic",
    "HANGUL": "Korean (Hangul)",
    "HIRAGANA": "Japanese (kana)",
    "KATAKANA": "Japanese (kana)",
    "GREEK": "Greek",
    "HEBREW": "Hebrew",
    "THAI": "Thai",
    "DEVANAGARI": "Devanagari",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
    "ETHIOPIC": "Ethiopic",
    "MYANMAR": "Burmese",
    "KHMER": "Khmer",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
}
PROP_LABELS = {
    "birthDate": "Birth date",
    "birthPlace": "Birth place",
    "nationality": "Nationality",
    "citizenship": "Citizenship",
    "gender": "Gender",
    "position": "Position",
    "country": "Country",
    "jurisdiction": "Jurisdiction",
    "incorporationDate": "Incorporated",
    "email": "Email",
    "phone": "Phone",
    "website": "Website",
    "flag": "Flag",
    "type": "Type",
    "idNumber": "National id",
    "passportNumber": "Passport",
    "registrationNumber": "Registration no.",
    "taxNumber": "Tax no.",
    "innCode": "INN",
    "ogrnCode": "OGRN",
    "kppCode": "KPP",
    "okpoCode": "OKPO",
    "leiCode": "LEI",
    "swiftBic": "SWIFT/BIC",
    "vatCode": "VAT no.",
    "imoNumber": "IMO no.",
    "mmsi": "MMSI",
    "callSign": "Call sign",
}
COUNTRY_PROPS = {"nationality", "citizenship", "country", "jurisdiction", "flag"}


def country_name(code: str) -> str:
    """``cn`` -> ``China (cn)``."""
    caption = registry.country.caption(code)
    return f"{caption} ({code})" if caption and caption != code else code


def schema_label(name: str) -> str:
    """An FtM schema in words: ``UnknownLink`` -> ``Other link``."""
    if name == "UnknownLink":
        return "Link"  # FtM's "Other link": OFAC's and the UN's "Linked To", among others
    schema = model.get(name)
    return schema.label if schema is not None else name


def prop_label(prop: str) -> str:
    """A property name in words."""
    return PROP_LABELS.get(prop, prop)


def prop_values(prop: str, values: list[str]) -> list[str]:
    """Property values in words (country codes get their names)."""
    if prop in COUNTRY_PROPS:
        return [country_name(v) for v in values]
    return values


def verdict(score: float, threshold: float) -> tuple[str, str]:
    """A score in words and its CSS class."""
    if score >= 0.9:
        return "Strong match", "strong"
    if score >= threshold:
        return "Possible match", "possible"
    return "Weak similarity", "weak"


def feature_rows(result: Result) -> list[dict[str, Any]]:
    """Each feature of a score as a labelled sentence with its signed value."""
    rows = []
    for f in result.features:
        rows.append(
            {
                "label": FEATURE_LABELS.get(f.name, f.name.replace("_", " ").capitalize()),
                "value": f"{f.value:.2f}" if f.name == "name" else f"{f.value:+.2f}",
                "tone": (
                    "neutral"
                    if f.name == "name" or f.value == 0
                    else ("plus" if f.value > 0 else "minus")
                ),
                "detail": f.detail,
            }
        )
    return rows


def confirm_hints(
    query: Query, entity: IndexedEntity | None, untrusted_dates: dict[str, str] | None = None
) -> list[str]:
    """What would confirm or rule out a match, from what the list gives and the query lacks.

    ``untrusted_dates``: lists whose birth dates screening sets aside (see
    ``ScreeningIndex.untrusted_dates``); their dates are not offered as a check.
    """
    if entity is None:
        return []
    hints = []
    unreliable = (untrusted_dates or {}).get(entity.source)
    if entity.birth_dates and not query.birth_date and unreliable is not None:
        hints.append(
            f"The birth dates on {entity.source} are not reliable ({unreliable}): "
            "confirm the birth date from another list or your records."
        )
    elif entity.birth_dates and not query.birth_date:
        hints.append(
            "The list gives the birth date "
            + ", ".join(entity.birth_dates)
            + ": compare it with your records."
        )
    if entity.countries and not query.country:
        names = ", ".join(country_name(c) for c in sorted(entity.countries))
        hints.append(f"The list links this party to {names}.")
    if entity.identifiers and not query.id_number:
        n = len(entity.identifiers)
        hints.append(
            f"The list gives {n} identifier{'s' if n > 1 else ''} (passport, registration, "
            "IMO …): the same number confirms the match."
        )
    return hints


def result_card(
    result: Result,
    query: Query,
    entity: IndexedEntity | None,
    threshold: float,
    untrusted_dates: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the screen page shows of one result (``untrusted_dates``: see
    ``confirm_hints``)."""
    words, tone = verdict(result.score, threshold)
    return {
        "id": result.entity_id,
        "caption": result.caption,
        "schema": result.schema,
        "score": f"{result.score:.2f}",
        "score_pct": round(result.score * 100),
        "verdict": words,
        "tone": tone,
        "source": result.source,
        "source_id": result.source_id,
        "programs": list(result.programs),
        "matched_name": result.matched_name,
        "matched_kind": result.matched_name_kind,
        "features": feature_rows(result),
        "hints": confirm_hints(query, entity, untrusted_dates),
        # The party's other listings (other lists, republished entries), with why.
        "same_party": [
            {
                "id": m["entity_id"],
                "caption": m["caption"],
                "source": m["source"],
                "source_id": m["source_id"],
                "score": "" if m["score"] is None else f"{m['score']:.2f}",
                "why": m["why"],
            }
            for m in result.same_party
        ],
    }


def script_of(text: str) -> str:
    """The writing system most letters of a name are in."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            word = unicodedata.name(ch, "OTHER").split(" ")[0]
            counts[SCRIPTS.get(word, word.title())] += 1
    return counts.most_common(1)[0][0] if counts else "Other"


def names_by_script(view: dict[str, Any]) -> list[tuple[str, list[dict[str, str]]]]:
    """The names and aliases of an entity view, grouped by script (Latin first)."""
    groups: dict[str, list[dict[str, str]]] = {}
    for name in view["names"]:
        groups.setdefault(script_of(name), []).append(
            {"name": name, "kind": "primary name", "strength": "strong"}
        )
    for alias in view["aliases"]:
        groups.setdefault(script_of(alias["name"]), []).append(
            {"name": alias["name"], "kind": alias["kind"], "strength": alias["strength"]}
        )
    return sorted(groups.items(), key=lambda kv: (kv[0] != "Latin", kv[0]))


def highlight_mentions(text: str, entities: list[dict[str, Any]]) -> Markup:
    """A document's text, HTML-escaped, with each entity mention in a ``<mark>``.

    The mark's class is the entity's type (``mark-person`` …); the mark of an entity
    linked to a list entry is a link to that entry's page (its first link).
    Overlapping mentions are shown once (the first to start).
    """
    spans = [
        (m["start"], m["end"], e)
        for e in entities
        for m in e.get("mentions", [])
        if m["end"] > m["start"]
    ]
    out: list[str] = []
    pos = 0
    for start, end, entity in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or end > len(text):
            continue
        out.append(str(escape(text[pos:start])))
        kind = str(entity.get("type", "")).lower()
        label = f"{entity.get('type', '')}: {entity.get('name', '')}"
        inner = str(escape(text[start:end]))
        links = entity.get("links") or []
        if links:
            target = links[0]
            label += f" (listed: {target['caption']}, {target['entity_id']})"
            inner = f'<a href="/ui/entity/{quote(str(target["entity_id"]), safe="")}">{inner}</a>'
        out.append(
            f'<mark class="mention mark-{escape(kind)}{" listed" if links else ""}" '
            f'data-entity="{escape(entity.get("id", ""))}" title="{escape(label)}">{inner}</mark>'
        )
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
