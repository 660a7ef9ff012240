"""Japanese kana to Latin letters (Hepburn), and Japanese legal forms written in kanji.

Japanese company names mix kanji, katakana and hiragana: 株式会社カラシニコフ・コンツェルン
(the Japanese alias of CONCERN KALASHNIKOV), ソフトバンク株式会社. The Chinese module reads
their kanji as pinyin; this module reads the kana, which a Chinese reading would drop,
and names the legal forms (株式会社 is *kabushiki kaisha*, a company limited by shares:
it is a legal form, not part of the name).

``romanise`` is table-driven modified Hepburn, ASCII only: the whole syllabary, the
small ya/yu/yo combinations, the extended katakana of loanwords (ティ ti, ファ fa,
ツェ tse, ヴァ va), the sokuon ッ/っ doubling the next consonant (ッチ tchi) and the long
vowel mark ー, which is dropped (ソニー soni, as passports write long vowels) or, with
``long_vowels="double"``, written as a doubled vowel (sonii). Hiragana read like katakana;
half-width katakana are folded to full width first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

__all__ = [
    "JP_LEGAL_FORMS",
    "expand_legal_forms",
    "KANA_RUN_RE",
    "has_kana",
    "romanise",
]

# Katakana (with the long vowel mark, without the middle dot ・ U+30FB, a separator),
# hiragana, katakana phonetic extensions, half-width katakana.
_KANA_CLASS = "\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff\uff66-\uff9f"
_KANA_RE = re.compile(f"[{_KANA_CLASS}]")
KANA_RUN_RE = re.compile(f"[{_KANA_CLASS}]+")

# Japanese legal forms written in kanji -> the Latin legal form the organisation-name
# code strips (keys in simplified Chinese characters, as the Chinese module looks them up).
JP_LEGAL_FORMS: dict[str, str] = {
    "株式会社": "co ltd",  # kabushiki kaisha (KK), company limited by shares
    "有限会社": "co ltd",  # yugen kaisha (YK), limited company
    "合同会社": "llc",  # godo kaisha (GK), limited liability company
    # goshi kaisha (合資会社), a limited partnership: "kg", the one such form stripped
    # ("limited partnership" leaves "partnership" in the name).
    "合资会社": "kg",
    "合名会社": "general partnership",  # gomei kaisha
}

# Legal forms abbreviated to one kanji in brackets (ASCII or full-width) or to one
# enclosed sign: ソニー(株) is ソニー株式会社.
_SHORT_LEGAL_FORMS = {
    "(株)": "株式会社",
    "（株）": "株式会社",
    "㈱": "株式会社",
    "(有)": "有限会社",
    "（有）": "有限会社",
    "㈲": "有限会社",
    "(同)": "合同会社",
    "（同）": "合同会社",
}


def expand_legal_forms(text: str) -> str:
    """A name with its abbreviated legal forms written out (ソニー(株) -> ソニー 株式会社),
    so that they are read as legal forms, not as a name word ("zhu")."""
    for short, form in _SHORT_LEGAL_FORMS.items():
        text = text.replace(short, f" {form} ")
    return text


_BASE = """
ア a イ i ウ u エ e オ o
カ ka キ ki ク ku ケ ke コ ko ガ ga ギ gi グ gu ゲ ge ゴ go
サ sa シ shi ス su セ se ソ so ザ za ジ ji ズ zu ゼ ze ゾ zo
タ ta チ chi ツ tsu テ te ト to ダ da ヂ ji ヅ zu デ de ド do
ナ na ニ ni ヌ nu ネ ne ノ no
ハ ha ヒ hi フ fu ヘ he ホ ho バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po
マ ma ミ mi ム mu メ me モ mo
ヤ ya ユ yu ヨ yo
ラ ra リ ri ル ru レ re ロ ro
ワ wa ヰ i ヱ e ヲ o ン n
ヴ vu ヷ va ヸ vi ヹ ve ヺ vo
ァ a ィ i ゥ u ェ e ォ o ャ ya ュ yu ョ yo ヮ wa ヵ ka ヶ ke
ㇰ ku ㇱ shi ㇲ su ㇳ to ㇴ nu ㇵ ha ㇶ hi ㇷ fu ㇸ he ㇹ ho ㇺ mu ㇻ ra ㇼ ri ㇽ ru ㇾ re ㇿ ro
"""

_DIGRAPHS = """
キャ kya キュ kyu キョ kyo キェ kye ギャ gya ギュ gyu ギョ gyo ギェ gye
シャ sha シュ shu ショ sho シェ she ジャ ja ジュ ju ジョ jo ジェ je
チャ cha チュ chu チョ cho チェ che ヂャ ja ヂュ ju ヂョ jo ヂェ je
ニャ nya ニュ nyu ニョ nyo ニェ nye ヒャ hya ヒュ hyu ヒョ hyo ヒェ hye
ビャ bya ビュ byu ビョ byo ビェ bye ピャ pya ピュ pyu ピョ pyo ピェ pye
ミャ mya ミュ myu ミョ myo ミェ mye リャ rya リュ ryu リョ ryo リェ rye
ティ ti ディ di トゥ tu ドゥ du テュ tyu デュ dyu
ツァ tsa ツィ tsi ツェ tse ツォ tso
ファ fa フィ fi フェ fe フォ fo フュ fyu フャ fya フョ fyo
ヴァ va ヴィ vi ヴェ ve ヴォ vo ヴュ vyu ヴャ vya ヴョ vyo
ウィ wi ウェ we ウォ wo イェ ye
クァ kwa クィ kwi クェ kwe クォ kwo グァ gwa グィ gwi グェ gwe グォ gwo
スィ si ズィ zi
"""


def _table(text: str) -> dict[str, str]:
    words = text.split()
    return dict(zip(words[::2], words[1::2], strict=True))


_SYLLABLES: dict[str, str] = _table(_BASE)
_PAIRS: dict[str, str] = _table(_DIGRAPHS)
_SOKUON = "ッ"
_LONG = "ー"
_REPEAT = {"ヽ", "ヾ"}  # iteration marks (hiragana ゝゞ are mapped to these)
_VOWELS = "aeiou"


def has_kana(text: str) -> bool:
    """Whether the text contains hiragana or katakana."""
    return _KANA_RE.search(text) is not None


def _to_katakana(text: str) -> str:
    """Half-width katakana to full width, hiragana to katakana."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        cp = ord(ch)
        if 0x3041 <= cp <= 0x3096 or cp in (0x309D, 0x309E):
            ch = chr(cp + 0x60)
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65_536)
def romanise(text: str, long_vowels: Literal["drop", "double"] = "drop") -> str:
    """Hepburn reading of the kana in ``text``, lower-case ASCII; other characters kept.

    ``romanise("カラシニコフ")`` is ``karashinikofu``; ``romanise("ソニー")`` is ``soni``
    (``sonii`` with ``long_vowels="double"``).
    """
    kata = _to_katakana(text)
    out: list[str] = []
    double_next = False
    prev = ""
    i = 0
    while i < len(kata):
        ch = kata[i]
        pair = kata[i : i + 2]
        if pair in _PAIRS:
            syllable = _PAIRS[pair]
            i += 2
        elif ch in _SYLLABLES:
            syllable = _SYLLABLES[ch]
            i += 1
        elif ch == _SOKUON:
            double_next = True
            i += 1
            continue
        elif ch == _LONG:
            if long_vowels == "double" and prev and prev[-1] in _VOWELS:
                out.append(prev[-1])
            i += 1
            continue
        elif ch in _REPEAT:
            syllable = prev
            i += 1
        else:
            out.append(ch)
            prev = ""
            double_next = False
            i += 1
            continue
        if double_next and syllable and syllable[0] not in _VOWELS and syllable != "n":
            # Hepburn: ッチ is tchi, ッシ sshi, ッカ kka.
            out.append("t" if syllable.startswith("ch") else syllable[0])
        double_next = False
        out.append(syllable)
        prev = syllable
    return "".join(out)
