"""Chinese names: Han script to Latin forms, and Latin romanisations to canonical pinyin.

Chinese persons and companies reach a screening in several spellings of one name:

* sanctions lists write Mandarin pinyin, surname first (``LIU, Baoxia``);
* Taiwanese names are in Wade-Giles, usually without apostrophes (``Chang Wei-ming``);
* Hong Kong documents use the Hong Kong Government Cantonese romanisation
  (``YUNG, Yiu Wa`` for 容耀華);
* companies appear in Han script, in pinyin (``Youxian Gongsi``) or translated (``Co., Ltd.``).

``han_romanisations`` turns a Han-script name into its likely Latin forms: for persons
pinyin, Wade-Giles and Cantonese (always in that order at positions 0, 1 and 2, then
variants); for organisations segmented pinyin, then a form whose company words are
translated. ``romanisation_keys`` goes the other way: Latin tokens that read as Chinese
syllables (pinyin or Wade-Giles, joined, hyphenated or apart) become canonical pinyin
syllables, so ``Chang Wei-ming``, ``Zhang Weiming`` and 張偉明 share keys.

Canonical pinyin here is lower-case ASCII without tones, with ü written ``u``
(``lu`` for 吕, ``nue`` for 虐): lossy, but lists spell ü every possible way.

Japanese names reach here too when they contain kanji: their kana are read in Hepburn
and their kanji legal forms (株式会社, 有限会社, 合同会社 ...) as Latin legal forms
(``frontwatch.match.japanese``); other kanji keep their pinyin reading.

Cantonese readings come from ToJyutping (Jyutping with its own small offline dictionary);
the Jyutping -> Hong Kong Government romanisation rules and the surname tables are below.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Sequence
from functools import lru_cache
from typing import Any

from pypinyin import Style, lazy_pinyin

from frontwatch.match import japanese

__all__ = [
    "has_han",
    "han_readings",
    "han_romanisations",
    "is_chinese_romanisation",
    "jyutping_to_hk",
    "pinyin_to_wade_giles",
    "romanisation_keys",
    "to_simplified",
]

# --------------------------------------------------------------------------------------
# Script detection and conversion
# --------------------------------------------------------------------------------------

_HAN_CLASS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f\U00030000-\U0003134f"
)
_HAN_RE = re.compile(f"[{_HAN_CLASS}]")
_HAN_RUN_RE = re.compile(f"[{_HAN_CLASS}]+|[A-Za-z0-9]+")
# The same with runs of Japanese kana (read in Hepburn: 株式会社ソニー).
_HAN_KANA_RUN_RE = re.compile(f"[{_HAN_CLASS}]+|{japanese.KANA_RUN_RE.pattern}|[A-Za-z0-9]+")
# Separators inside transliterated foreign names (阿卜杜勒·拉希德) and between name parts.
_NAME_PART_SPLIT = re.compile(r"[\s·•・‧．.,，、/()（）\[\]【】「」\"'“”-]+")


def has_han(text: str) -> bool:
    """Whether the text contains CJK ideographs."""
    return _HAN_RE.search(text) is not None


@lru_cache(maxsize=1)
def _opencc() -> Any:
    """The OpenCC traditional -> simplified converter, built once."""
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65_536)
def to_simplified(text: str) -> str:
    """The text with traditional Chinese characters converted to simplified ones (OpenCC t2s)."""
    if not has_han(text):
        return text
    return str(_opencc().convert(text))


# --------------------------------------------------------------------------------------
# Pinyin syllables
# --------------------------------------------------------------------------------------

# Standard Mandarin syllables, ü written u (lü = lu, lüe = lue: they merge with lu, lue).
_PINYIN_TABLE = """
a ai an ang ao e ei en eng er o ou
yi ya yao ye you yan yin yang ying yong yu yue yuan yun
wu wa wo wai wei wan wen wang weng
ba bo bai bei bao ban ben bang beng bi bie biao bian bin bing bu
pa po pai pei pao pou pan pen pang peng pi pie piao pian pin ping pu
ma mo me mai mei mao mou man men mang meng mi mie miao miu mian min ming mu
fa fo fei fou fan fen fang feng fu
da de dai dei dao dou dan den dang deng dong di dia die diao diu dian ding du duo dui duan dun
ta te tai tao tou tan tang teng tong ti tie tiao tian ting tu tuo tui tuan tun
na ne nai nei nao nou nan nen nang neng nong ni nie niao niu nian nin niang ning
nu nuo nuan nue
la le lai lei lao lou lan lang leng long li lia lie liao liu lian lin liang ling
lu luo luan lun lue
ga ge gai gei gao gou gan gen gang geng gong gu gua guo guai gui guan gun guang
ka ke kai kao kou kan ken kang keng kong ku kua kuo kuai kui kuan kun kuang
ha he hai hei hao hou han hen hang heng hong hu hua huo huai hui huan hun huang
ji jia jie jiao jiu jian jin jiang jing jiong ju jue juan jun
qi qia qie qiao qiu qian qin qiang qing qiong qu que quan qun
xi xia xie xiao xiu xian xin xiang xing xiong xu xue xuan xun
zha zhe zhi zhai zhei zhao zhou zhan zhen zhang zheng zhong zhu zhua zhuo zhuai zhui zhuan
zhun zhuang
cha che chi chai chao chou chan chen chang cheng chong chu chua chuo chuai chui chuan chun
chuang
sha she shi shai shei shao shou shan shen shang sheng shu shua shuo shuai shui shuan shun
shuang
re ri rao rou ran ren rang reng rong ru rua ruo rui ruan run
za ze zi zai zei zao zou zan zen zang zeng zong zu zuo zui zuan zun
ca ce ci cai cao cou can cen cang ceng cong cu cuo cui cuan cun
sa se si sai sao sou san sen sang seng song su suo sui suan sun
"""
PINYIN_SYLLABLES: frozenset[str] = frozenset(_PINYIN_TABLE.split())

# Other spellings of ü syllables -> canonical.
_PINYIN_ALIASES: dict[str, str] = {
    "lv": "lu",
    "nv": "nu",
    "lve": "lue",
    "nve": "nue",
    "lyu": "lu",
    "nyu": "nu",
    "lyue": "lue",
    "nyue": "nue",
}
_PINYIN_LOOKUP: dict[str, str] = {s: s for s in PINYIN_SYLLABLES} | _PINYIN_ALIASES

_INITIALS = (
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
)


def _split_initial(syllable: str) -> tuple[str, str]:
    """``zhang`` -> ``("zh", "ang")``; ``an`` -> ``("", "an")``."""
    for ini in _INITIALS:
        if syllable.startswith(ini) and len(syllable) > len(ini):
            return ini, syllable[len(ini) :]
    return "", syllable


# --------------------------------------------------------------------------------------
# Wade-Giles
# --------------------------------------------------------------------------------------

# Whole syllables whose Wade-Giles form the initial/final rules below do not give.
_WG_WHOLE: dict[str, str] = {
    "zhi": "chih",
    "chi": "chih",
    "shi": "shih",
    "ri": "jih",
    "zi": "tzu",
    "ci": "tzu",
    "si": "ssu",
    "er": "erh",
    "e": "o",
    "yi": "i",
    "you": "yu",
    "yan": "yen",
    "ye": "yeh",
    "yue": "yueh",
    "yong": "yung",
    "ge": "ko",
    "ke": "ko",
    "he": "ho",
    "guo": "kuo",
    "kuo": "kuo",
    "huo": "huo",
    "shuo": "shuo",
    "gui": "kuei",
    "kui": "kuei",
    "wo": "wo",
}
_WG_INITIAL: dict[str, str] = {
    "zh": "ch",
    "ch": "ch",
    "sh": "sh",
    "r": "j",
    "z": "ts",
    "c": "ts",
    "j": "ch",
    "q": "ch",
    "x": "hs",
    "b": "p",
    "d": "t",
    "g": "k",
}


def pinyin_to_wade_giles(syllable: str) -> str:
    """Wade-Giles of a pinyin syllable, no apostrophes or diacritics (``xiao`` -> ``hsiao``)."""
    if syllable in _WG_WHOLE:
        return _WG_WHOLE[syllable]
    ini, fin = _split_initial(syllable)
    if fin == "uo" and ini not in ("", "w"):
        fin = "o"
    elif fin.endswith("ong"):
        fin = fin[:-3] + "ung"
    elif fin == "ian":
        fin = "ien"
    elif fin in ("ie", "ue"):
        fin += "h"
    return _WG_INITIAL.get(ini, ini) + fin


_UNASPIRATED = ("b", "d", "g", "j", "zh", "z")


def _wg_rank(pinyin: str) -> tuple[int, str]:
    """Order readings of one Wade-Giles spelling: unaspirated initial first, then pinyin order."""
    ini, _ = _split_initial(pinyin)
    return (0 if ini in _UNASPIRATED else 1, pinyin)


def _build_wade_giles() -> dict[str, tuple[str, ...]]:
    """Wade-Giles spelling (apostrophes and diacritics dropped) -> pinyin readings."""
    table: dict[str, list[str]] = {}
    for syl in PINYIN_SYLLABLES:
        table.setdefault(pinyin_to_wade_giles(syl), []).append(syl)
    # Common variants of Wade-Giles spellings in names.
    extra = {
        "yi": ["yi"],
        "szu": ["si"],
        "sze": ["si"],
        "tze": ["zi", "ci"],
        "tzeng": ["zeng", "ceng"],
        "e": ["e"],
        "ing": ["ying"],
        "in": ["yin"],
        "lee": ["li"],
        "hsueh": ["xue"],
        "chueh": ["jue", "que"],
    }
    for spelling, readings in extra.items():
        for reading in readings:
            if reading not in table.setdefault(spelling, []):
                table[spelling].append(reading)
    return {k: tuple(sorted(v, key=_wg_rank)) for k, v in table.items()}


WADE_GILES: dict[str, tuple[str, ...]] = _build_wade_giles()

# Conventional spellings that follow no system (Cantonese or postal forms of famous names).
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "kaishek": ("jie", "shi"),
    "yatsen": ("yi", "xian"),
    "peking": ("bei", "jing"),
    "nanking": ("nan", "jing"),
    "tientsin": ("tian", "jin"),
    "chungking": ("chong", "qing"),
    "tsingtao": ("qing", "dao"),
    "szeto": ("si", "tu"),
}

# --------------------------------------------------------------------------------------
# Latin tokens -> canonical pinyin syllables
# --------------------------------------------------------------------------------------

_MAX_SYLLABLE = 6
_MAX_SYLLABLES_PER_WORD = 4
_MAX_KEY_ALTERNATIVES = 4
_VOWELS = "aeiou"


def _splits(word: str, lookup: Container[str], limit: int) -> list[tuple[str, ...]]:
    """Every split of ``word`` into at most ``limit`` syllables known to ``lookup``."""
    if not word:
        return [()]
    if limit == 0:
        return []
    out: list[tuple[str, ...]] = []
    for j in range(min(len(word), _MAX_SYLLABLE), 0, -1):
        head = word[:j]
        if head in lookup:
            out.extend((head, *rest) for rest in _splits(word[j:], lookup, limit - 1))
    return out


def _segment(word: str, lookup: Container[str]) -> list[tuple[tuple[str, ...], float]]:
    """The likely splits of ``word`` into syllables known to ``lookup``, with their costs.

    Each syllable costs 1 and a vowel-initial one after the first 0.5 more: pinyin would
    write an apostrophe, so ``xian`` is one syllable and ``zhangan`` rather ``zhan gan``
    than ``zhang an`` (both are returned: lists often drop the apostrophe). A bare vowel
    after the first syllable (``ma ri a``) is not accepted. Best first; [] if none.
    """
    if word in lookup:
        return [((word,), 1.0)]  # any other split has more syllables
    scored: list[tuple[tuple[str, ...], float]] = []
    for split in _splits(word, lookup, _MAX_SYLLABLES_PER_WORD):
        cost = float(len(split))
        for piece in split[1:]:
            if piece[0] in _VOWELS:
                if len(piece) == 1:
                    break
                cost += 0.5
        else:
            scored.append((split, cost))
    if not scored:
        return []
    scored.sort(key=lambda sc: sc[1])
    best = scored[0][1]
    return [sc for sc in scored if sc[1] <= best + 0.5 and len(sc[0]) == len(scored[0][0])][:2]


def _index_vectors(sizes: Sequence[int], total: int) -> Iterable[tuple[int, ...]]:
    """Index vectors below ``sizes`` summing to ``total``, earlier slots varied first."""
    if len(sizes) == 1:
        if total < sizes[0]:
            yield (total,)
        return
    for first in range(min(total, sizes[0] - 1), -1, -1):
        for rest in _index_vectors(sizes[1:], total - first):
            yield (first, *rest)


def _best_first(options: Sequence[Sequence[tuple[str, ...]]], limit: int) -> list[tuple[str, ...]]:
    """Concatenations of one option per slot, fewest non-first choices first, deduplicated."""
    if not options:
        return [()]
    if any(not opts for opts in options):
        return []
    if len(options) == 1:
        return list(dict.fromkeys(options[0]))[:limit]
    pools = [list(opts[:limit]) for opts in options]
    sizes = [len(p) for p in pools]
    out: list[tuple[str, ...]] = []
    for total in range(sum(sizes) - len(sizes) + 1):
        for idx in _index_vectors(sizes, total):
            joined = tuple(itertools.chain.from_iterable(pools[k][i] for k, i in enumerate(idx)))
            if joined not in out:
                out.append(joined)
                if len(out) >= limit:
                    return out
    return out


@lru_cache(maxsize=65_536)
def _word_options(word: str) -> tuple[tuple[str, ...], ...]:
    """Pinyin readings of one Latin word (a syllable or joined syllables), most likely first."""
    if word in _IRREGULAR:
        return (_IRREGULAR[word],)
    py = _segment(word, _PINYIN_LOOKUP)
    wg = _segment(word.replace("v", "u"), WADE_GILES)
    py_opts = [tuple(_PINYIN_LOOKUP[s] for s in split) for split, _ in py]
    wg_opts: list[tuple[str, ...]] = []
    for split, _ in wg:
        wg_opts.extend(_best_first([[(r,) for r in WADE_GILES[s]] for s in split], 4))
    pinyin_first = bool(py) and (not wg or py[0][1] <= wg[0][1])
    ordered = py_opts + wg_opts if pinyin_first else wg_opts + py_opts
    out: list[tuple[str, ...]] = []
    for opt in ordered:
        if opt not in out:
            out.append(opt)
    return tuple(out[:_MAX_KEY_ALTERNATIVES])


def word_readings(word: str) -> tuple[tuple[str, ...], ...]:
    """The pinyin syllables a Latin word (lower-case ASCII) reads as, pinyin or
    Wade-Giles, most likely first; () when it is not joined Chinese syllables."""
    return _word_options(word) if word.isalpha() else ()


_APOS = "'’ʼ`´‘"
# An apostrophe after an initial consonant marks aspiration (Wade-Giles ch'en, t'ang, ts'ai);
# elsewhere it separates pinyin syllables (xi'an, chang'e).
_WG_ASPIRATION = re.compile(f"(?<=[hkptsz])[{_APOS}]")
_WORD_SPLIT = re.compile(f"[^a-z{_APOS}]+|[{_APOS}]+")


def _latin_words(token: str) -> list[str] | None:
    """Lower-case ASCII words of a token, split at hyphens and syllable apostrophes."""
    if token.isascii() and token.isalpha():
        return [token.lower()]
    text = token.lower().replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
    text = text.replace("ǚ", "v").replace("ǜ", "v")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    if any(c.isdigit() for c in text):
        return None
    text = _WG_ASPIRATION.sub("", text)
    words = [w for w in _WORD_SPLIT.split(text) if w]
    if any(not w.isascii() or not w.isalpha() for w in words):
        return None
    return words


@lru_cache(maxsize=65_536)
def _romanisation_keys(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Cached core of ``romanisation_keys``."""
    words: list[str] = []
    for token in tokens:
        split = _latin_words(token)
        if split is None:
            return ()
        words.extend(split)
    if not words:
        return ()
    units: list[tuple[tuple[str, ...], ...]] = []
    i = 0
    while i < len(words):
        word = words[i]
        pair = word + words[i + 1] if i + 1 < len(words) else ""
        if pair in _IRREGULAR:
            units.append((_IRREGULAR[pair],))
            i += 2
            continue
        opts = _word_options(word)
        if opts:
            units.append(opts)
            i += 1
            continue
        # Tokenisers split "Ch'en" into "ch" + "en": try the word joined with the next one.
        joined = _word_options(pair) if pair else ()
        if not joined:
            return ()
        units.append(joined)
        i += 2
    return tuple(_best_first(units, _MAX_KEY_ALTERNATIVES))


def romanisation_keys(tokens: list[str]) -> list[list[str]]:
    """Canonical pinyin syllables of Latin tokens read as Chinese (up to 4 readings), or []."""
    return [list(key) for key in _romanisation_keys(tuple(tokens))]


def is_chinese_romanisation(tokens: list[str]) -> bool:
    """Whether all the tokens read as Chinese syllables (pinyin or Wade-Giles)."""
    return bool(_romanisation_keys(tuple(tokens)))


# --------------------------------------------------------------------------------------
# Han script -> pinyin
# --------------------------------------------------------------------------------------


def _pinyin_chars(text: str) -> list[str]:
    """Canonical pinyin per character of a Han-only string (phrase-aware, ü -> u)."""
    out = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
    if len(out) != len(text):
        out = [(lazy_pinyin(c, style=Style.NORMAL, errors="ignore") or [""])[0] for c in text]
    return [_PINYIN_ALIASES.get(s, s).replace("v", "u") for s in out]


# Two-character surnames and their readings. Those marked weak begin with a common
# one-character surname (夏侯 / 夏): they are taken as one only in names of 4+ characters.
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang",
    "司马": "sima",
    "诸葛": "zhuge",
    "上官": "shangguan",
    "东方": "dongfang",
    "皇甫": "huangfu",
    "尉迟": "yuchi",
    "公孙": "gongsun",
    "慕容": "murong",
    "令狐": "linghu",
    "长孙": "zhangsun",
    "宇文": "yuwen",
    "司徒": "situ",
    "夏侯": "xiahou",
    "端木": "duanmu",
    "西门": "ximen",
    "南宫": "nangong",
    "万俟": "moqi",
    "轩辕": "xuanyuan",
    "澹台": "tantai",
    "公羊": "gongyang",
    "呼延": "huyan",
    "闻人": "wenren",
    "申屠": "shentu",
    "钟离": "zhongli",
    "宗政": "zongzheng",
    "濮阳": "puyang",
    "淳于": "chunyu",
    "单于": "chanyu",
    "太史": "taishi",
    "仲孙": "zhongsun",
    "赫连": "helian",
    "公冶": "gongye",
    "左丘": "zuoqiu",
    "拓跋": "tuoba",
    "百里": "baili",
    "东郭": "dongguo",
    "独孤": "dugu",
    "司空": "sikong",
    "第五": "diwu",
    "乐正": "yuezheng",
    "谷梁": "guliang",
    "羊舌": "yangshe",
}
_WEAK_COMPOUNDS = frozenset(
    {"夏侯", "钟离", "左丘", "单于", "万俟", "乐正", "宗政", "百里", "第五"}
)

# Surnames read otherwise than the character's everyday reading (pypinyin has no surname
# mode; its heteronym lists are used for the fallback variant instead).
SURNAME_PINYIN: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "区": "ou",
    "仇": "qiu",
    "解": "xie",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "乐": "yue",
    "尉": "wei",
    "长": "chang",
    "秘": "bi",
    "繁": "po",
    "缪": "miao",
    "能": "nai",
    "召": "shao",
    "种": "chong",
    "任": "ren",
    "华": "hua",
    "翟": "zhai",
    "宓": "mi",
    "员": "yun",
    "过": "guo",
    "句": "gou",
    "黑": "he",
    "覃": "qin",
    "都": "du",
    "折": "she",
    "隗": "wei",
    "眭": "sui",
    "褚": "chu",
    "柏": "bai",
    "郇": "huan",
    "逄": "pang",
    "薄": "bo",
    "重": "chong",
    "卜": "bu",
    "曲": "qu",
    "和": "he",
    "贲": "ben",
    "隽": "juan",
    "莘": "shen",
    "牟": "mou",
    "相": "xiang",
    "藏": "zang",
    "洗": "xian",
    "祭": "zhai",
    "那": "na",
    "应": "ying",
    "沈": "shen",
    "石": "shi",
    "叶": "ye",
    "陆": "lu",
    "纪": "ji",
    "宁": "ning",
    "朝": "chao",
    "率": "shuai",
    "阚": "kan",
    "蔺": "lin",
    "孛": "bo",
    "佴": "nai",
    "燕": "yan",
    "冼": "xian",
    "粘": "nian",
    "万": "wan",
    "车": "che",
    "尚": "shang",
    "厍": "she",
    "殷": "yin",
    "蕃": "pi",
    "囤": "tun",
    "占": "zhan",
}

# --------------------------------------------------------------------------------------
# Cantonese (Jyutping -> Hong Kong Government romanisation)
# --------------------------------------------------------------------------------------

# Jyutping of surnames the dictionary reads otherwise in running text (simplified keys).
SURNAME_JYUTPING: dict[str, str] = {
    "单": "sin6",
    "區": "au1",
    "区": "au1",
    "曾": "zang1",
    "仇": "kau4",
    "解": "gaai2",
    "查": "caa4",
    "朴": "pok3",
    "盖": "goi3",
    "乐": "lok6",
    "长": "coeng4",
    "尉": "wai3",
    "覃": "cam4",
    "任": "jam4",
    "华": "waa6",
    "翟": "zaak6",
    "缪": "miu6",
    "秘": "bei3",
    "种": "cung4",
    "长孙": "zoeng2 syun1",
    "尉迟": "wat1 ci4",
    "单于": "sin4 jyu1",
    "万俟": "mak6 kei4",
}

# Conventional Hong Kong spellings of surnames that the rules spell otherwise or that have
# a usual variant (first one preferred); simplified keys.
HK_SURNAMES: dict[str, tuple[str, ...]] = {
    "李": ("lee", "li", "lei"),
    "利": ("lee", "lei"),
    "罗": ("law", "lo"),
    "卢": ("lo", "lou"),
    "周": ("chow", "chau"),
    "邹": ("chow", "chau"),
    "徐": ("tsui", "chui"),
    "崔": ("tsui", "chui"),
    "曹": ("tso", "cho"),
    "左": ("tso", "cho"),
    "岑": ("shum", "sham"),
    "沈": ("shum", "sham"),
    "孙": ("suen", "sun"),
    "谢": ("tse", "che"),
    "施": ("sze", "si"),
    "石": ("shek", "sek"),
    "邵": ("shiu", "siu"),
    "萧": ("siu", "shiu"),
    "潘": ("poon", "pun"),
    "钱": ("chin",),
    "吴": ("ng",),
    "伍": ("ng",),
    "余": ("yu", "yue"),
    "俞": ("yu", "yue"),
    "朱": ("chu", "chue"),
    "区": ("au",),
    "欧": ("au",),
    "欧阳": ("au yeung", "auyeung"),
    "司徒": ("szeto", "sze to"),
    "司马": ("sze ma", "szema"),
    "上官": ("sheung kwun",),
    "诸葛": ("chu kot",),
    "单": ("sin", "shin"),
    "曾": ("tsang",),
    "林": ("lam",),
    "柯": ("o",),
    "仇": ("kau", "sau"),
}

_JP_SYLLABLE = re.compile(r"(gw|kw|ng|[bpmfdtnlgkhwzcsj])?([a-z]+)([1-6])")
_HK_FINALS: dict[str, tuple[str, ...]] = {
    "aa": ("a", "ah"),
    "aai": ("ai",),
    "aau": ("au",),
    "aam": ("am",),
    "aan": ("an",),
    "aang": ("ang",),
    "aap": ("ap",),
    "aat": ("at",),
    "aak": ("ak",),
    "ai": ("ai",),
    "au": ("au",),
    "am": ("am", "um"),
    "an": ("an", "un"),
    "ang": ("ang",),
    "ap": ("ap",),
    "at": ("at",),
    "ak": ("ak",),
    "e": ("e",),
    "ei": ("ei", "ee"),
    "eng": ("eng",),
    "ek": ("ek",),
    "eoi": ("ui", "eui"),
    "eon": ("un", "eun"),
    "eot": ("ut",),
    "oe": ("oe",),
    "oeng": ("eung",),
    "oek": ("euk",),
    "i": ("i", "ee"),
    "iu": ("iu",),
    "im": ("im",),
    "in": ("in",),
    "ing": ("ing",),
    "ip": ("ip",),
    "it": ("it",),
    "ik": ("ik",),
    "o": ("o", "oh"),
    "oi": ("oi",),
    "on": ("on",),
    "ong": ("ong",),
    "ot": ("ot",),
    "ok": ("ok",),
    "ou": ("o", "ou"),
    "u": ("u", "oo"),
    "ui": ("ui", "ooi"),
    "un": ("oon", "un"),
    "ung": ("ung",),
    "uk": ("uk",),
    "ut": ("ut", "oot"),
    "yu": ("u", "ue"),
    "yun": ("uen", "un"),
    "yut": ("uet", "ut"),
    "m": ("m",),
    "ng": ("ng",),
}
_HK_INITIALS: dict[str, str] = {
    "b": "p",
    "d": "t",
    "g": "k",
    "gw": "kw",
    "j": "y",
    "z": "ch",
    "c": "ch",
}


@lru_cache(maxsize=4096)
def jyutping_to_hk(jyutping: str, mandarin: str = "") -> tuple[str, ...]:
    """Hong Kong Government romanisations of one Jyutping syllable, usual first.

    ``mandarin`` (the character's pinyin) chooses ``sh`` over ``s``: HK spellings keep the
    old retroflex (石 shek, 成 shing, but 蕭 siu, 星 sing).
    """
    m = _JP_SYLLABLE.fullmatch(jyutping.strip().lower())
    if m is None:
        return ()
    ini, fin = m.group(1) or "", m.group(2)
    if fin not in _HK_FINALS:
        # "ng5" and "m4" are syllabic nasals: the regex may have taken them as an initial.
        if ini + fin in ("m", "ng"):
            ini, fin = "", ini + fin
        else:
            return ()
    if ini == "j" and fin in ("yu", "yun", "yut"):
        return {"yu": ("yu", "yue"), "yun": ("yuen", "yun"), "yut": ("yuet", "yut")}[fin]
    if fin == "i" and ini in ("s", "z", "c", "j"):
        return {
            "s": ("sze", "si", "see"),
            "z": ("chi", "tsz", "tze"),
            "c": ("chi", "tsz", "tze"),
            "j": ("yi", "yee"),
        }[ini]
    initials: tuple[str, ...]
    if ini in ("z", "c"):
        initials = ("ts", "ch") if fin in ("ang", "e", "eng") else ("ch", "ts")
    elif ini == "s":
        initials = ("sh", "s") if mandarin[:2] in ("sh", "ch") else ("s", "sh")
    else:
        initials = (_HK_INITIALS.get(ini, ini),)
    finals = _HK_FINALS[fin]
    ranked = sorted(
        itertools.product(range(len(initials)), range(len(finals))), key=lambda p: (sum(p), p)
    )
    out: list[str] = []
    for i, f in ranked:
        spelling = initials[i] + finals[f]
        if spelling not in out:
            out.append(spelling)
    return tuple(out[:3])


_jyutping_lookup: Callable[[str], list[tuple[str, str | None]]] | None = None


def load_readers() -> None:
    """Load the Chinese readers (OpenCC, ToJyutping's dictionary) now rather than on
    the first Chinese name: some 0.8 s, which a batch then spends once, before its
    workers fork, rather than once in each worker."""
    _opencc()
    _jyutping("中")


def _jyutping(text: str) -> list[str | None]:
    """Jyutping per character (ToJyutping, context-aware), None where it has none."""
    global _jyutping_lookup
    if _jyutping_lookup is None:
        try:
            import ToJyutping
        except ImportError:  # pragma: no cover - a declared dependency

            def _missing(s: str) -> list[tuple[str, str | None]]:
                return [(c, None) for c in s]

            _jyutping_lookup = _missing
        else:
            _jyutping_lookup = ToJyutping.get_jyutping_list
    pairs = _jyutping_lookup(text)
    if len(pairs) != len(text):
        return [None] * len(text)
    return [jp.split()[0] if jp else None for _, jp in pairs]


# --------------------------------------------------------------------------------------
# Persons
# --------------------------------------------------------------------------------------


def _split_surname(simplified: str) -> int:
    """Length of the surname at the start of a person's simplified Han name."""
    head = simplified[:2]
    if head in COMPOUND_SURNAMES:
        need = 4 if head in _WEAK_COMPOUNDS else 3
        if len(simplified) >= need:
            return 2
    return 1 if simplified else 0


def _cantonese_options(
    chars: str, simplified: str, pinyin: list[str], surname: bool = False
) -> list[tuple[str, ...]]:
    """HK romanisation options per character of ``chars``; [] if one has no reading."""
    jps = _jyutping(chars)
    out: list[tuple[str, ...]] = []
    for k, jp in enumerate(jps):
        override = SURNAME_JYUTPING.get(simplified[k]) if surname and k == 0 else None
        opts = jyutping_to_hk(override or jp or "", pinyin[k] if k < len(pinyin) else "")
        if not opts:
            return []
        out.append(opts)
    return out


def _person_forms(text: str) -> list[str]:
    """pinyin, Wade-Giles, Cantonese, then variants, of one Han-only person name."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    cut = _split_surname(simplified)
    sur_s = simplified[:cut]
    pinyin = _pinyin_chars(simplified)
    default_surname = "".join(pinyin[:cut])
    if cut == 2:
        surname_py = COMPOUND_SURNAMES[sur_s]
        sur_syllables = _segment(surname_py, _PINYIN_LOOKUP)
        if sur_syllables and len(sur_syllables[0][0]) == 2:
            pinyin[:2] = list(sur_syllables[0][0])
    else:
        surname_py = SURNAME_PINYIN.get(sur_s, default_surname)
        if pinyin:
            pinyin[0] = surname_py
    given_py = "".join(pinyin[cut:])

    def join(surname: str, given: str) -> str:
        return f"{surname} {given}".strip()

    forms = [join(surname_py, given_py)]
    wg = [pinyin_to_wade_giles(s) for s in pinyin]
    forms.append(join("".join(wg[:cut]), "".join(wg[cut:])))

    # Cantonese: a conventional HK surname spelling if there is one, syllables apart.
    canto_forms: list[str] = []
    hk_opts = _cantonese_options(text, simplified, pinyin, surname=True)
    if hk_opts:
        if sur_s in HK_SURNAMES:
            surname_opts: list[tuple[str, ...]] = [(s,) for s in HK_SURNAMES[sur_s]]
        else:
            jp_over = SURNAME_JYUTPING.get(sur_s)
            if jp_over and cut == 2:
                sur_parts = [jyutping_to_hk(jp, pinyin[k]) for k, jp in enumerate(jp_over.split())]
            else:
                sur_parts = list(hk_opts[:cut])
            surname_opts = [
                (" ".join(parts),)
                for parts in _best_first([[(o,) for o in p] for p in sur_parts], 2)
            ]
        slots: list[list[tuple[str, ...]]] = [surname_opts]
        slots += [[(o,) for o in opts] for opts in hk_opts[cut:]]
        canto_forms = [" ".join(combo) for combo in _best_first(slots, 3)]
    forms.append(canto_forms[0] if canto_forms else forms[0])

    variants: list[str] = []
    variants.extend(canto_forms[1:2])
    if default_surname and default_surname != surname_py:
        variants.append(join(default_surname, given_py))
    variants.extend(canto_forms[2:])
    if "lu" in pinyin or "nu" in pinyin:
        # ü as passports write it: 吕 LYU (the first form wrote it LU).
        raw = lazy_pinyin(simplified, style=Style.NORMAL)
        if len(raw) == len(pinyin):
            lyu = [{"lv": "lyu", "nv": "nyu"}.get(r, p) for r, p in zip(raw, pinyin, strict=True)]
            variants.append(join("".join(lyu[:cut]), "".join(lyu[cut:])))
    for variant in variants:
        if variant not in forms:
            forms.append(variant)
    return forms


# --------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------

# Company-name words -> English ("" when the translation drops the word). Simplified keys.
ORG_TERMS: dict[str, str] = {
    "股份有限公司": "co ltd",
    "有限责任公司": "co ltd",
    "有限公司": "co ltd",
    "株式会社": "co ltd",
    "有限合伙": "limited partnership",
    "合伙企业": "partnership",
    "股份公司": "joint stock company",
    "总公司": "corporation",
    "分公司": "branch",
    "公司": "company",
    "有限": "limited",
    "股份": "joint stock",
    "集团": "group",
    "控股": "holdings",
    "企业": "enterprise",
    "投资": "investment",
    "科技": "technology",
    "技术": "technology",
    "高科技": "high technology",
    "高新技术": "high technology",
    "贸易": "trading",
    "商贸": "trading",
    "工贸": "industry trade",
    "经贸": "economic trade",
    "外贸": "foreign trade",
    "商行": "trading",
    "国际": "international",
    "电子": "electronics",
    "微电子": "microelectronics",
    "电器": "electrical appliances",
    "电气": "electric",
    "电力": "electric power",
    "机电": "electromechanical",
    "工业": "industrial",
    "重工": "heavy industry",
    "实业": "industrial",
    "进出口": "import export",
    "发展": "development",
    "光电": "optoelectronics",
    "光学": "optical",
    "激光": "laser",
    "航空": "aviation",
    "航天": "aerospace",
    "机械": "machinery",
    "机床": "machine tool",
    "通用": "general",
    "传感": "sensor",
    "传感器": "sensor",
    "无人机": "unmanned aerial vehicle",
    "导航": "navigation",
    "红外": "infrared",
    "雷达": "radar",
    "元器件": "components",
    "电子元器件": "electronic components",
    "零部件": "parts",
    "配件": "parts",
    "动力": "power",
    "发动机": "engine",
    "设备": "equipment",
    "化工": "chemical",
    "化学": "chemical",
    "石油": "petroleum",
    "石化": "petrochemical",
    "材料": "materials",
    "新材料": "new materials",
    "精密": "precision",
    "仪器": "instrument",
    "仪表": "instrument",
    "控制": "control",
    "自动化": "automation",
    "系统": "systems",
    "通信": "communication",
    "通讯": "communication",
    "信息": "information",
    "网络": "network",
    "软件": "software",
    "数据": "data",
    "智能": "intelligent",
    "半导体": "semiconductor",
    "集成电路": "integrated circuit",
    "研究所": "research institute",
    "研究院": "research institute",
    "研究中心": "research center",
    "中心": "center",
    "大学": "university",
    "学院": "institute",
    "工程": "engineering",
    "制造": "manufacturing",
    "能源": "energy",
    "新能源": "new energy",
    "物流": "logistics",
    "运输": "transport",
    "航运": "shipping",
    "船务": "shipping",
    "海运": "shipping",
    "船舶": "shipbuilding",
    "造船": "shipbuilding",
    "矿业": "mining",
    "钢铁": "steel",
    "金属": "metals",
    "五金": "hardware",
    "塑料": "plastics",
    "纺织": "textile",
    "医药": "pharmaceutical",
    "生物": "biological",
    "汽车": "automobile",
    "电池": "battery",
    "建设": "construction",
    "建筑": "construction",
    "商务": "business",
    "咨询": "consulting",
    "服务": "services",
    "管理": "management",
    "供应链": "supply chain",
    "物资": "materials",
    "银行": "bank",
    "金融": "financial",
    "资本": "capital",
    "基金": "fund",
    "证券": "securities",
    "保险": "insurance",
    "经济": "economic",
    "兵器": "ordnance",
    "核工业": "nuclear industry",
    "工厂": "factory",
    "厂": "factory",
    "办事处": "office",
    "代表处": "representative office",
    "国家": "national",
    "人民": "people",
    "共和国": "republic",
    "中国": "china",
    "中华": "china",
    "市": "",
    "省": "",
    "自治区": "",
}
# Japanese legal forms in kanji (株式会社, 有限会社, 合同会社 ...) read as the Latin legal
# form in every form, their pinyin too: "zhushihuishe" is no one's name.
ORG_TERMS.update(japanese.JP_LEGAL_FORMS)
_KEEP_SEPARATE_PINYIN = frozenset({"有限公司", "股份有限公司", "有限责任公司", "股份公司"})

# Places stay as pinyin words; the few with a usual English name have it here.
PLACES: dict[str, str] = {
    "香港": "hong kong",
    "澳门": "macau",
    "台湾": "taiwan",
    "西藏": "tibet",
    "内蒙古": "inner mongolia",
    "陕西": "shaanxi",
    "北京": "",
    "上海": "",
    "天津": "",
    "重庆": "",
    "广州": "",
    "深圳": "",
    "杭州": "",
    "南京": "",
    "武汉": "",
    "成都": "",
    "西安": "xian",
    "苏州": "",
    "东莞": "",
    "佛山": "",
    "厦门": "",
    "宁波": "",
    "青岛": "",
    "大连": "",
    "沈阳": "",
    "哈尔滨": "",
    "长沙": "",
    "郑州": "",
    "济南": "",
    "合肥": "",
    "福州": "",
    "珠海": "",
    "中山": "",
    "无锡": "",
    "常州": "",
    "南昌": "",
    "昆明": "",
    "贵阳": "",
    "南宁": "",
    "太原": "",
    "石家庄": "",
    "兰州": "",
    "乌鲁木齐": "",
    "长春": "",
    "温州": "",
    "绵阳": "",
    "江苏": "",
    "浙江": "",
    "广东": "",
    "福建": "",
    "山东": "",
    "河北": "",
    "河南": "",
    "湖北": "",
    "湖南": "",
    "四川": "",
    "辽宁": "",
    "吉林": "",
    "黑龙江": "",
    "安徽": "",
    "江西": "",
    "山西": "",
    "云南": "",
    "贵州": "",
    "海南": "",
    "甘肃": "",
    "青海": "",
    "新疆": "",
    "广西": "",
    "宁夏": "",
}
_TERMS_MAX = max(len(t) for t in (*ORG_TERMS, *PLACES))


def _segment_org(simplified: str) -> list[tuple[str, str]]:
    """``(word, kind)`` pieces of an organisation's Han run; kind is term, place or name."""
    pieces: list[tuple[str, str]] = []
    unknown = ""
    i = 0
    while i < len(simplified):
        for j in range(min(len(simplified), i + _TERMS_MAX), i, -1):
            word = simplified[i:j]
            kind = "term" if word in ORG_TERMS else "place" if word in PLACES else ""
            if kind:
                break
        else:
            unknown += simplified[i]
            i += 1
            continue
        if unknown:
            pieces.extend(_split_unknown(unknown))
            unknown = ""
        pieces.append((word, kind))
        i = j
    if unknown:
        pieces.extend(_split_unknown(unknown))
    return pieces


def _split_unknown(run: str) -> list[tuple[str, str]]:
    """A run of unknown characters as name words: whole up to 3, else 2-character words."""
    if len(run) <= 3:
        return [(run, "name")]
    words = [run[k : k + 2] for k in range(0, len(run), 2)]
    if len(words[-1]) == 1:
        words[-2] += words.pop()
    return [(w, "name") for w in words]


def _org_forms(text: str) -> list[tuple[str, str]]:
    """Segmented pinyin, translated form, then variants of an organisation name."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    kana = japanese.has_kana(text)
    hk = not kana and (simplified != text or "香港" in simplified or "澳门" in simplified)
    pinyin_words: list[str] = []
    translated: list[str] = []
    bare: list[str] = []  # pinyin without 市/省 markers
    canto: list[str] = []
    long_vowels: list[str] = []  # pinyin_words with kana long vowels written double
    for m in _HAN_KANA_RUN_RE.finditer(simplified):
        run = m.group(0)
        if not has_han(run):
            kana_run = japanese.has_kana(run)
            word = japanese.romanise(run) if kana_run else run.lower()
            for out in (pinyin_words, translated, bare, canto):
                out.append(word)
            long_vowels.append(japanese.romanise(run, "double") if kana_run else word)
            continue
        syllables = _pinyin_chars(run)
        original = text[m.start() : m.end()]
        pos = 0
        for word, kind in _segment_org(run):
            syl = syllables[pos : pos + len(word)]
            orig = original[pos : pos + len(word)]
            pos += len(word)
            if kind == "term" and word in japanese.JP_LEGAL_FORMS:
                py = japanese.JP_LEGAL_FORMS[word]
            elif kind == "term" and word in _KEEP_SEPARATE_PINYIN:
                py = " ".join("".join(syl[k : k + 2]) for k in range(0, len(syl), 2))
            else:
                py = "".join(syl)
            pinyin_words.append(py)
            long_vowels.append(py)
            if kind == "term":
                english = ORG_TERMS[word]
                if english:
                    translated.append(english)
                    bare.append(py)
                    canto.append(english)
            elif kind == "place":
                english = PLACES[word] or py
                translated.append(english)
                bare.append(py)
                canto.append(english)
            else:
                translated.append(py)
                bare.append(py)
                if hk:
                    hk_opts = _cantonese_options(orig, word, syl)
                    canto.append(" ".join(o[0] for o in hk_opts) if hk_opts else py)
    forms: dict[str, str] = {}  # form -> what it is
    first = "kana and pinyin" if kana else "pinyin"
    candidates = [(first, pinyin_words), ("translated", translated), (first, bare)]
    if hk:
        candidates.append(("cantonese", canto))
    if long_vowels != pinyin_words:
        candidates.append(("long vowels", long_vowels))  # ソニー: soni, then sonii
    for label, words in candidates:
        form = " ".join(w for w in words if w)
        if form and form not in forms:
            forms[form] = label
    return list(forms.items())


# --------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------


# Words that end organisation names, not persons' (李建设 is a person; 华信科技 is not).
_ORG_SUFFIXES = (
    "公司",
    "集团",
    "研究所",
    "研究院",
    "大学",
    "学院",
    "中心",
    "厂",
    "会社",
    "银行",
    "科技",
    "技术",
    "贸易",
    "实业",
    "控股",
    "工业",
    "电子",
    "国际",
    "商行",
    "办事处",
    "代表处",
    "事务所",
    "合伙",
    "企业",
)


def _looks_like_person(parts: list[str]) -> bool:
    """Whether a name reads as a person's: Han parts of 2-4 characters in all, or a name in
    parts (阿卜杜勒·拉希德), or one such Han name among Latin words (``Stephen 容耀華``);
    never when it ends in a company word.
    """
    han = [p for p in parts if has_han(p)]
    if not han or not all(_HAN_RUN_RE.fullmatch(p) for p in parts):
        return False
    if to_simplified(han[-1]).endswith(_ORG_SUFFIXES):
        return False
    if len(han) < len(parts):
        return len(han) == 1 and 2 <= len(han[0]) <= 4
    return len(parts) > 1 or 2 <= len(parts[0]) <= 4


def _parts(text: str) -> list[str]:
    """Name parts split at spaces, middle dots and punctuation."""
    return [p for p in _NAME_PART_SPLIT.split(text.strip()) if p]


def _ascii_words(text: str) -> str:
    """Lower-case ASCII form of a Latin name part."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


def _kana_part(run: str) -> str:
    """One run of a Japanese name part: kana in Hepburn, kanji in pinyin, Latin as is."""
    if japanese.has_kana(run):
        return japanese.romanise(run)
    if has_han(run):
        return "".join(_pinyin_chars(run))
    return _ascii_words(run)


def _multi_part_forms(parts: list[str]) -> list[str]:
    """pinyin, Wade-Giles and Cantonese of a person name in parts, each part joined.

    A single Han name among Latin words (``Stephen 容耀華``) is read as a Chinese name,
    surname first; several Han parts (阿卜杜勒·拉希德) are transliterations, read whole.
    """
    han_parts = [p for p in parts if has_han(p)]
    single = han_parts[0] if len(han_parts) == 1 and 2 <= len(han_parts[0]) <= 4 else None
    if single is not None and not all(_HAN_RE.fullmatch(c) for c in single):
        single = None
    py: list[str] = []
    wg: list[str] = []
    hk: list[str] = []
    for part in parts:
        if japanese.has_kana(part):
            # Japanese: kana in Hepburn, kanji in pinyin (山田はなこ, ハナコ).
            words = [_kana_part(run) for run in _HAN_KANA_RUN_RE.findall(part)]
            word = "".join(w for w in words if w)
            for out in (py, wg, hk):
                out.append(word)
            continue
        if not has_han(part):
            word = _ascii_words(part)
            for out in (py, wg, hk):
                out.append(word)
            continue
        if part == single:
            person = _person_forms(part)
            py.append(person[0])
            wg.append(person[1])
            hk.append(person[2])
            continue
        simplified = to_simplified(part)
        if len(simplified) != len(part):
            simplified = part
        syllables = _pinyin_chars(simplified)
        py.append("".join(syllables))
        wg.append("".join(pinyin_to_wade_giles(s) for s in syllables))
        opts = _cantonese_options(part, simplified, syllables)
        hk.append("".join(o[0] for o in opts) if opts else py[-1])
    return [" ".join(w for w in words if w) for words in (py, wg, hk)]


# Full-width Latin letters and digits, as Japanese and Chinese names write them
# (株式会社ＮＴＴドコモ), to ASCII.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


# What each of a person's forms is, in ``_person_forms`` order (then variants).
_PERSON_LABELS = ("pinyin", "wade-giles", "cantonese")


@lru_cache(maxsize=65_536)
def _han_readings(text: str, person: bool | None) -> tuple[tuple[str, str], ...]:
    """Cached core of ``han_readings``."""
    if not has_han(text):
        return ()
    text = text.translate(_FULL_WIDTH)
    parts = _parts(text)
    if not parts:
        return ()
    if person is None:
        person = _looks_like_person(parts)
    all_han = all(_HAN_RUN_RE.fullmatch(p) and has_han(p) for p in parts)
    if person:
        if len(parts) == 1 and all_han:
            forms = _person_forms(parts[0])
        elif len(parts) == 2 and all_han and len(parts[0]) <= 2 and len(parts[1]) <= 2:
            # "刘 宝霞": surname and given name written apart.
            forms = _person_forms(parts[0] + parts[1])
        else:
            forms = _multi_part_forms(parts)
    else:
        return tuple(_org_forms("".join(parts) if all_han else text))
    return tuple(
        (f, _PERSON_LABELS[i] if i < len(_PERSON_LABELS) else "variant")
        for i, f in enumerate(forms)
        if f
    )


def han_readings(text: str, person: bool | None = None) -> list[tuple[str, str]]:
    """Latin forms of a Han-script name, most likely first, each with what it is
    ("pinyin", "wade-giles", "cantonese", "translated", "variant" ...)."""
    return list(_han_readings(text, person))


def han_romanisations(text: str, person: bool | None = None) -> list[str]:
    """Latin forms of a Han-script name, most likely first, lower-case ASCII words."""
    return [form for form, _ in _han_readings(text, person)]
