"""Korean names in Hangul, read the ways the lists write them in Latin letters.

The lists romanise North Korean names in a McCune-Reischauer style without its
diacritics ("CHOE Chun Sik", "RI Chol", "THAE Yong Ho"), South Korean names in the
Revised Romanization or popular spellings ("Choi", "Lee", "Jung"). A Hangul name is
read in each of these systems, surname first, the given name syllable by syllable
and joined ("kim jong un", "kim jongun"), with the surname spellings the lists use
("이" → Ri, Lee, Yi).

Hangul syllables are composed arithmetically (Unicode U+AC00 + (initial × 21 +
vowel) × 28 + final), so no dictionary is needed to take them apart.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

_BASE = 0xAC00
_LAST = 0xD7A3

# Initials in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
_INITIALS = {
    # North Korean lists: McCune-Reischauer without diacritics, aspirates with h.
    "mr": "k kk n t tt r m p pp s ss - ch tch ch kh th ph h".split(),
    # Revised Romanization (South Korea since 2000).
    "rr": "g kk n d tt r m b pp s ss - j jj ch k t p h".split(),
    # The North's own romanisation as the lists print it (Kim Jong Un, Ri Jong Ho).
    "dprk": "k kk n t tt r m p pp s ss - j tch ch kh th ph h".split(),
    # Popular spellings in passports and the press.
    "pop": "k kk n d tt r m b pp s ss - j jj ch k t p h".split(),
}
# The same initials inside a given name, after a vowel or a voiced final.
_MEDIAL = {
    "mr": "g kk n d tt r m b pp s ss - j tch ch kh th ph h".split(),
    "rr": "g kk n d tt r m b pp s ss - j jj ch k t p h".split(),
    "dprk": "g kk n d tt r m b pp s ss - j tch ch kh th ph h".split(),
    "pop": "g kk n d tt r m b pp s ss - j jj ch k t p h".split(),
}
# Vowels: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
_VOWELS = {
    "mr": "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i".split(),
    "rr": "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split(),
    "dprk": "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i".split(),
    "pop": "a ae ya yae u e yu ye o wa wae oe yo u wo we wi yu u ui i".split(),
}
# Finals: none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
_FINALS = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()

# Surnames as the lists spell them, the North Korean form first.
_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"),
    "이": ("ri", "lee", "yi", "i"),
    "리": ("ri", "lee", "yi"),
    "박": ("pak", "park", "bak"),
    "최": ("choe", "choi"),
    "정": ("jong", "chong", "jung", "chung", "jeong"),
    "강": ("kang", "gang"),
    "조": ("jo", "cho"),
    "윤": ("yun", "yoon"),
    "장": ("jang", "chang"),
    "임": ("rim", "im", "lim"),
    "림": ("rim", "lim", "im"),
    "한": ("han",),
    "오": ("o", "oh"),
    "서": ("so", "seo", "suh"),
    "신": ("sin", "shin"),
    "권": ("kwon", "gwon"),
    "황": ("hwang",),
    "안": ("an", "ahn"),
    "송": ("song",),
    "류": ("ryu", "yu", "yoo"),
    "유": ("yu", "ryu", "yoo"),
    "전": ("jon", "chon", "jeon", "chun"),
    "홍": ("hong",),
    "고": ("ko", "go"),
    "문": ("mun", "moon"),
    "양": ("yang", "ryang"),
    "량": ("ryang", "yang"),
    "손": ("son",),
    "배": ("pae", "bae"),
    "백": ("paek", "baek", "paik"),
    "허": ("ho", "heo", "hur"),
    "남": ("nam",),
    "심": ("sim", "shim"),
    "노": ("no", "roh", "noh"),
    "로": ("ro", "roh"),
    "하": ("ha",),
    "곽": ("kwak",),
    "성": ("song", "sung", "seong"),
    "차": ("cha",),
    "주": ("ju", "chu", "joo"),
    "우": ("u", "woo"),
    "구": ("ku", "koo", "gu"),
    "민": ("min",),
    "진": ("jin", "chin"),
    "지": ("ji", "chi"),
    "엄": ("om", "eom"),
    "채": ("chae",),
    "원": ("won",),
    "천": ("chon", "cheon", "chun"),
    "방": ("pang", "bang"),
    "공": ("kong",),
    "현": ("hyon", "hyun", "hyeon"),
    "함": ("ham",),
    "변": ("pyon", "byun", "byeon"),
    "염": ("yom", "yeom", "ryom"),
    "렴": ("ryom", "yom", "yeom"),
    "석": ("sok", "seok"),
    "선": ("son", "sun", "seon"),
    "설": ("sol", "seol"),
    "마": ("ma",),
    "길": ("kil", "gil"),
    "연": ("yon", "yeon"),
    "위": ("wi",),
    "표": ("pyo",),
    "명": ("myong", "myung"),
    "기": ("ki",),
    "반": ("pan", "ban"),
    "왕": ("wang",),
    "금": ("kum", "keum"),
    "옥": ("ok",),
    "인": ("in",),
    "태": ("thae", "tae"),
    "도": ("to", "do"),
    "소": ("so",),
    "탁": ("thak", "tak"),
    "국": ("kuk",),
    "여": ("yo", "yeo"),
    "려": ("ryo", "yo"),
    "용": ("yong",),
    "룡": ("ryong", "yong"),
    "계": ("kye",),
    "편": ("phyon", "pyeon"),
    "봉": ("pong", "bong"),
    "경": ("kyong", "kyung"),
    "승": ("sung", "seung"),
    "맹": ("maeng",),
    "모": ("mo",),
    "어": ("o", "eo"),
    "육": ("yuk",),
    "륙": ("ryuk", "yuk"),
    "은": ("un", "eun"),
}
# Two-syllable surnames.
_DOUBLE_SURNAMES: dict[str, tuple[str, ...]] = {
    "남궁": ("namgung",),
    "제갈": ("jegal",),
    "황보": ("hwangbo",),
    "선우": ("sonu", "seonu"),
    "독고": ("tokko", "dokgo"),
    "사공": ("sagong",),
    "서문": ("somun", "seomun"),
}
_SYSTEMS = ("dprk", "mr", "pop", "rr")
MAX_FORMS = 24


def is_hangul(ch: str) -> bool:
    """Whether a character is a composed Hangul syllable."""
    return _BASE <= ord(ch) <= _LAST


def _parts(ch: str) -> tuple[int, int, int]:
    code = ord(ch) - _BASE
    return code // (21 * 28), (code // 28) % 21, code % 28


def syllable(ch: str, system: str, medial: bool, prev_final: int = 0) -> str:
    """One Hangul syllable in a romanisation system.

    ``medial``: the syllable follows another in the same word, so a plain initial is
    voiced (Chol-ju, not Chol-chu) unless the syllable before ends in a stop.
    """
    initial, vowel, final = _parts(ch)
    voiced_before = prev_final in (0, 4, 8, 16, 21)  # none, ㄴ, ㄹ, ㅁ, ㅇ
    table = _MEDIAL if medial and voiced_before else _INITIALS
    init = table[system][initial]
    text = ("" if init == "-" else init) + _VOWELS[system][vowel]
    if final:
        text += _FINALS[final]
    if system == "mr" and text in ("si", "sya", "syo", "syu"):
        text = "sh" + text[1:].lstrip("y") if text != "si" else "shi"
    return text


def _word(word: str, system: str) -> list[str]:
    """A word's syllables in one system, voiced inside the word."""
    out: list[str] = []
    prev_final = 0
    for i, ch in enumerate(word):
        if not is_hangul(ch):
            continue
        out.append(syllable(ch, system, medial=i > 0, prev_final=prev_final))
        prev_final = _parts(ch)[2]
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


@lru_cache(maxsize=20_000)
def korean_forms(text: str, person: bool | None = None) -> tuple[str, ...]:
    """Latin readings of a name written in Hangul, the likeliest first.

    ``person`` None guesses: one word of two to four syllables is read as a person's
    name (surname first). Other text is read word by word in each system.
    """
    words = [w for w in text.split() if any(is_hangul(c) for c in w)]
    if not words:
        return ()
    syllables = "".join(words)
    if person is None:
        person = len(words) <= 2 and 2 <= len(syllables) <= 4
    forms: list[str] = []
    if person and 2 <= len(syllables) <= 5:
        if syllables[:2] in _DOUBLE_SURNAMES and len(syllables) >= 3:
            surnames, given = _DOUBLE_SURNAMES[syllables[:2]], syllables[2:]
        else:
            head = syllables[0]
            surnames = _SURNAMES.get(head) or tuple(
                _dedupe([syllable(head, s, medial=False) for s in _SYSTEMS])
            )
            given = syllables[1:]
        # Given names as lists write them: syllables apart (Chon Chi Bu, each syllable
        # in any system: the lists mix them), and joined with the inner consonant
        # voiced (Cholju).
        options = [_dedupe([syllable(ch, s, medial=False) for s in _SYSTEMS]) for ch in given]
        apart = [" ".join(combo) for combo in itertools.islice(itertools.product(*options), 8)]
        joined = _dedupe(["".join(_word(given, s)) for s in _SYSTEMS])
        for surname in surnames[:2]:
            forms.extend(f"{surname} {g}" for g in apart[:4])
            forms.extend(f"{surname} {g}" for g in joined)
            forms.extend(f"{surname} {g}" for g in apart[4:])
        for surname in surnames[2:]:
            forms.append(f"{surname} {apart[0]}")
    else:
        for system in _SYSTEMS:
            forms.append(" ".join("".join(_word(w, system)) for w in words))
            apart_words = [
                " ".join(syllable(ch, system, False) for ch in w if is_hangul(ch)) for w in words
            ]
            forms.append(" ".join(apart_words))
    return tuple(_dedupe(forms)[:MAX_FORMS])
