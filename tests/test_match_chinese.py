"""Chinese names: Han script to pinyin, Wade-Giles and Cantonese; Latin romanisations to keys."""

from __future__ import annotations

import re

import pytest

from frontwatch.match import chinese
from frontwatch.match.chinese import (
    han_romanisations,
    has_han,
    is_chinese_romanisation,
    romanisation_keys,
    to_simplified,
)

ASCII_FORM = re.compile(r"[a-z0-9]+( [a-z0-9]+)*")

# --------------------------------------------------------------------------------------
# Script helpers
# --------------------------------------------------------------------------------------


def test_has_han() -> None:
    assert has_han("刘宝霞")
    assert has_han("ACME 有限公司")
    assert has_han("𠀀")  # extension B
    assert not has_han("Liu Baoxia")
    assert not has_han("")
    assert not has_han("ОАО Газпром")


def test_to_simplified() -> None:
    assert to_simplified("劉寶霞") == "刘宝霞"
    assert to_simplified("華為技術有限公司") == "华为技术有限公司"
    assert to_simplified("刘宝霞") == "刘宝霞"
    assert to_simplified("Liu Baoxia") == "Liu Baoxia"


# --------------------------------------------------------------------------------------
# Persons
# --------------------------------------------------------------------------------------


def test_person_pinyin_wade_giles_cantonese_in_order() -> None:
    forms = han_romanisations("刘宝霞")
    assert forms[:3] == ["liu baoxia", "liu paohsia", "lau po ha"]


def test_traditional_and_simplified_give_the_same_forms() -> None:
    assert han_romanisations("劉寶霞") == han_romanisations("刘宝霞")
    assert han_romanisations("張偉明")[0] == han_romanisations("张伟明")[0] == "zhang weiming"


def test_hong_kong_cantonese() -> None:
    assert "yung yiu wa" in han_romanisations("容耀華")
    assert han_romanisations("容耀華")[0] == "rong yaohua"
    assert "leung kwok hung" in han_romanisations("梁國雄")
    assert "chow yun fat" in han_romanisations("周潤發")
    assert "cha leung yung" in han_romanisations("查良鏞")


def test_hong_kong_conventional_surnames() -> None:
    forms = han_romanisations("李嘉誠")
    assert forms[2] == "lee ka shing"
    assert "li ka shing" in forms
    assert han_romanisations("張偉明")[2] == "cheung wai ming"
    assert han_romanisations("司徒華")[2] == "szeto wa"
    assert han_romanisations("歐陽明")[2] == "au yeung ming"


def test_given_name_joined() -> None:
    assert han_romanisations("李永欣")[0] == "li yongxin"
    assert han_romanisations("邓小平")[:2] == ["deng xiaoping", "teng hsiaoping"]
    assert han_romanisations("毛泽东")[:2] == ["mao zedong", "mao tsetung"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("欧阳明", "ouyang ming"),
        ("歐陽明", "ouyang ming"),
        ("司马懿", "sima yi"),
        ("诸葛亮", "zhuge liang"),
        ("上官婉儿", "shangguan waner"),
        ("东方不败", "dongfang bubai"),
        ("皇甫嵩", "huangfu song"),
        ("尉迟恭", "yuchi gong"),
        ("公孙瓒", "gongsun zan"),
        ("慕容复", "murong fu"),
        ("令狐冲", "linghu chong"),
        ("长孙无忌", "zhangsun wuji"),
        ("宇文泰", "yuwen tai"),
        ("司徒华", "situ hua"),
        ("夏侯明杰", "xiahou mingjie"),
    ],
)
def test_two_character_surnames(name: str, expected: str) -> None:
    assert han_romanisations(name)[0] == expected


def test_weak_compound_surname_needs_four_characters() -> None:
    # 夏 is a common surname of its own: 夏侯明 is read 夏 + 侯明.
    assert han_romanisations("夏侯明")[0] == "xia houming"


@pytest.mark.parametrize(
    ("name", "expected", "everyday"),
    [
        ("单雄信", "shan xiongxin", "dan xiongxin"),
        ("曾国藩", "zeng guofan", "ceng guofan"),
        ("区家麟", "ou jialin", "qu jialin"),
        ("仇英", "qiu ying", "chou ying"),
        ("解缙", "xie jin", "jie jin"),
        ("查良镛", "zha liangyong", "cha liangyong"),
        ("朴槿惠", "piao jinhui", "pu jinhui"),
        ("盖叫天", "ge jiaotian", "gai jiaotian"),
        ("乐嘉", "yue jia", "le jia"),
    ],
)
def test_polyphonic_surnames(name: str, expected: str, everyday: str) -> None:
    forms = han_romanisations(name)
    assert forms[0] == expected
    # The everyday reading stays as a later variant: machine-romanised lists use it.
    assert everyday in forms[3:]


def test_polyphonic_surnames_in_cantonese() -> None:
    assert han_romanisations("单雄信")[2].startswith("sin ")
    assert han_romanisations("區家麟")[2].startswith("au ")
    assert han_romanisations("曾蔭權")[2] == "tsang yam kuen"


def test_u_umlaut_written_u_and_lyu() -> None:
    forms = han_romanisations("吕布")
    assert forms[0] == "lu bu"
    assert "lyu bu" in forms
    assert "nyu wa" in han_romanisations("女娲")


def test_person_forms_keep_their_positions() -> None:
    # Wade-Giles of 欧阳明 is spelt as its pinyin: the position is kept all the same, so
    # callers can label forms by index (pinyin, Wade-Giles, Cantonese).
    forms = han_romanisations("欧阳明")
    assert forms[0] == forms[1] == "ouyang ming"
    assert forms[2] == "au yeung ming"


def test_surname_and_given_name_written_apart() -> None:
    assert han_romanisations("刘 宝霞")[:3] == ["liu baoxia", "liu paohsia", "lau po ha"]


def test_names_in_parts() -> None:
    forms = han_romanisations("阿卜杜勒·拉希德")
    assert len(forms) == 3
    assert all(len(f.split()) == 2 for f in forms)
    assert forms[0].endswith(" laxide")


def test_english_given_name_with_han_name() -> None:
    forms = han_romanisations("Stephen 容耀華")
    assert forms == ["stephen rong yaohua", "stephen jung yaohua", "stephen yung yiu wa"]


def test_person_or_organisation_guess() -> None:
    assert han_romanisations("李建设")[0] == "li jianshe"  # a common given name
    assert han_romanisations("华信科技")[1] == "huaxin technology"
    assert han_romanisations("华为技术有限公司")[:2] == [
        "huawei jishu youxian gongsi",
        "huawei technology co ltd",
    ]


def test_explicit_kind_wins() -> None:
    assert han_romanisations("王", person=True)[:2] == ["wang", "wang"]
    assert han_romanisations("王", person=True)[2] == "wong"
    assert han_romanisations("华为", person=False) == ["huawei"]
    # Traditional script: a Hong Kong (Cantonese) reading is added.
    assert han_romanisations("華為", person=False) == ["huawei", "wa wai"]


def test_no_han_gives_nothing() -> None:
    assert han_romanisations("") == []
    assert han_romanisations("Liu Baoxia") == []


# --------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------


def test_company_pinyin_and_translation() -> None:
    forms = han_romanisations("深圳市华信科技有限公司")
    assert forms[:2] == [
        "shenzhen shi huaxin keji youxian gongsi",
        "shenzhen huaxin technology co ltd",
    ]
    assert "shenzhen huaxin keji youxian gongsi" in forms


def test_company_traditional_with_hong_kong_form() -> None:
    forms = han_romanisations("華為技術（香港）有限公司")
    assert forms[0] == "huawei jishu xianggang youxian gongsi"
    assert "huawei technology hong kong co ltd" in forms
    assert "wa wai technology hong kong co ltd" in forms


def test_hong_kong_company_in_cantonese() -> None:
    assert "wing hing trading co ltd" in han_romanisations("永興貿易有限公司")


@pytest.mark.parametrize(
    ("name", "translated"),
    [
        ("中兴通讯股份有限公司", "zhongxing communication co ltd"),
        ("北京航空航天大学", "beijing aviation aerospace university"),
        ("TCL科技集团股份有限公司", "tcl technology group co ltd"),
        ("中国电子科技集团公司", "china electronics technology group company"),
        ("上海精密仪器研究所", "shanghai precision instrument research institute"),
        ("广州光电材料进出口有限公司", "guangzhou optoelectronics materials import export co ltd"),
        ("中国航空工业集团有限公司", "china aviation industrial group co ltd"),
    ],
)
def test_company_translations(name: str, translated: str) -> None:
    assert translated in han_romanisations(name, person=False)


def test_company_legal_forms_in_pinyin() -> None:
    forms = han_romanisations("中兴通讯股份有限公司")
    assert forms[0] == "zhongxing tongxun gufen youxian gongsi"
    assert han_romanisations("北京华信有限责任公司")[0] == "beijing huaxin youxian zeren gongsi"


def test_all_forms_are_lower_case_ascii() -> None:
    names = [
        "刘宝霞",
        "容耀華",
        "吕布",
        "女娲",
        "上官婉儿",
        "阿卜杜勒·拉希德",
        "深圳市华信科技有限公司",
        "華為技術（香港）有限公司",
        "TCL科技集团股份有限公司",
        "中國銀行",
    ]
    for name in names:
        forms = han_romanisations(name)
        assert forms, name
        for form in forms:
            assert ASCII_FORM.fullmatch(form), (name, form)


def test_results_are_fresh_lists() -> None:
    forms = han_romanisations("刘宝霞")
    forms.clear()
    assert han_romanisations("刘宝霞")[0] == "liu baoxia"


# --------------------------------------------------------------------------------------
# Cantonese and Wade-Giles tables
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jyutping", "mandarin", "hk"),
    [
        ("jung4", "", "yung"),
        ("jiu6", "", "yiu"),
        ("waa4", "", "wa"),
        ("lau4", "", "lau"),
        ("bou2", "", "po"),
        ("haa6", "", "ha"),
        ("zoeng1", "", "cheung"),
        ("ceoi4", "", "chui"),
        ("zi1", "", "chi"),
        ("si1", "", "sze"),
        ("ng5", "", "ng"),
        ("m4", "", "m"),
        ("zang1", "", "tsang"),
        ("ze6", "", "tse"),
        ("syun1", "sun", "suen"),
        ("sek6", "shi", "shek"),
        ("siu1", "xiao", "siu"),
        ("gwok3", "", "kwok"),
        ("jyu4", "", "yu"),
        ("jyun4", "", "yuen"),
        ("leoi5", "", "lui"),
        ("seon3", "shun", "shun"),
        ("loeng4", "", "leung"),
        ("pun1", "", "poon"),
    ],
)
def test_jyutping_to_hong_kong(jyutping: str, mandarin: str, hk: str) -> None:
    assert chinese.jyutping_to_hk(jyutping, mandarin)[0] == hk


def test_jyutping_to_hong_kong_rejects_garbage() -> None:
    assert chinese.jyutping_to_hk("xyz") == ()
    assert chinese.jyutping_to_hk("") == ()


@pytest.mark.parametrize(
    ("pinyin", "wade_giles"),
    [
        ("xiao", "hsiao"),
        ("zhang", "chang"),
        ("qiang", "chiang"),
        ("jie", "chieh"),
        ("shi", "shih"),
        ("zhi", "chih"),
        ("zi", "tzu"),
        ("si", "ssu"),
        ("guo", "kuo"),
        ("rong", "jung"),
        ("xue", "hsueh"),
        ("ze", "tse"),
        ("dong", "tung"),
        ("lian", "lien"),
        ("zhuo", "cho"),
        ("gui", "kuei"),
        ("e", "o"),
        ("you", "yu"),
        ("yan", "yen"),
        ("cai", "tsai"),
        ("xiong", "hsiung"),
        ("ju", "chu"),
        ("er", "erh"),
    ],
)
def test_pinyin_to_wade_giles(pinyin: str, wade_giles: str) -> None:
    assert chinese.pinyin_to_wade_giles(pinyin) == wade_giles


def test_pinyin_table_covers_pypinyin() -> None:
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    exotic = {"n", "m", "ng", "hm", "hng", "ê", "yo", "lo", "kei", "nun", "len", "tei", "fiao"}
    missing = set()
    for codepoint, readings in pinyin_dict.items():
        if 0x4E00 <= codepoint <= 0x9FFF:
            for reading in readings.split(","):
                syllable = to_normal(reading, v_to_u=False).replace("ü", "v")
                if syllable not in chinese._PINYIN_LOOKUP and syllable not in exotic:
                    missing.add(syllable)
    assert not missing
    assert 390 <= len(chinese.PINYIN_SYLLABLES) <= 420


def test_wade_giles_table_maps_to_pinyin() -> None:
    for spelling, readings in chinese.WADE_GILES.items():
        assert readings, spelling
        assert set(readings) <= chinese.PINYIN_SYLLABLES, spelling
    assert chinese.WADE_GILES["hsu"] == ("xu",)
    assert set(chinese.WADE_GILES["chien"]) == {"jian", "qian"}


# --------------------------------------------------------------------------------------
# Latin tokens -> pinyin keys
# --------------------------------------------------------------------------------------


def test_joined_given_names_split() -> None:
    assert romanisation_keys(["baoxia"]) == [["bao", "xia"]]
    assert romanisation_keys(["liu", "baoxia"]) == [["liu", "bao", "xia"]]
    assert romanisation_keys(["weiming"]) == [["wei", "ming"]]
    assert romanisation_keys(["wei-ming"]) == [["wei", "ming"]]


def test_pinyin_reading_first_then_wade_giles() -> None:
    keys = romanisation_keys(["chang", "wei", "ming"])
    assert keys[0] == ["chang", "wei", "ming"]
    assert ["zhang", "wei", "ming"] in keys
    assert len(keys) <= 4


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["mao", "tse-tung"], ["mao", "ze", "dong"]),
        (["chiang", "kai-shek"], ["jiang", "jie", "shi"]),
        (["chiang", "kai", "shek"], ["jiang", "jie", "shi"]),
        (["teng", "hsiao-ping"], ["deng", "xiao", "ping"]),
        (["tsai", "ing-wen"], ["cai", "ying", "wen"]),
        (["hsu"], ["xu"]),
        (["chou", "en-lai"], ["zhou", "en", "lai"]),
        (["kuo"], ["guo"]),
        (["chien"], ["jian"]),
        (["chien"], ["qian"]),
        (["chen", "shui-pien"], ["chen", "shui", "bian"]),
        (["hsieh"], ["xie"]),
        (["liu", "paohsia"], ["liu", "bao", "xia"]),
        (["ou-yang"], ["ou", "yang"]),
        (["chu-ko", "liang"], ["zhu", "ge", "liang"]),
        (["sun", "yat-sen"], ["sun", "yi", "xian"]),
    ],
)
def test_wade_giles_pairs(tokens: list[str], expected: list[str]) -> None:
    assert expected in romanisation_keys(tokens)


def test_wade_giles_first_when_pinyin_reading_is_strained() -> None:
    # "chiang" splits as pinyin chi'ang only with an apostrophe; Wade-Giles reads it whole.
    assert romanisation_keys(["chiang"])[0] == ["jiang"]
    assert romanisation_keys(["chien"])[0] == ["jian"]


def test_apostrophes() -> None:
    assert romanisation_keys(["ch'en"])[0] == ["chen"]
    assert romanisation_keys(["ts'ai"]) == [["zai"], ["cai"]]
    assert romanisation_keys(["xi'an"]) == [["xi", "an"]]
    assert romanisation_keys(["xian"]) == [["xian"]]
    # A tokeniser that splits at the apostrophe leaves "ch" + "en".
    assert romanisation_keys(["ch", "en"])[0] == ["chen"]


def test_ambiguous_joined_syllables_give_both_splits() -> None:
    assert romanisation_keys(["zhangan"]) == [["zhan", "gan"], ["zhang", "an"]]


def test_tone_marks_and_u_umlaut() -> None:
    assert romanisation_keys(["Liú", "Bǎoxiá"]) == [["liu", "bao", "xia"]]
    for spelling in ("lyu", "lü", "lv", "LYU"):
        assert romanisation_keys([spelling]) == [["lu"]]


@pytest.mark.parametrize(
    "tokens",
    [
        ["mohammad"],
        ["trading"],
        ["john", "smith"],
        ["maria"],
        ["liu", "trading"],
        ["co", "ltd"],
        ["liu2"],
        [],
        ["yung", "yiu", "wa"],  # Cantonese is not read as Mandarin
    ],
)
def test_not_chinese(tokens: list[str]) -> None:
    assert romanisation_keys(tokens) == []
    assert not is_chinese_romanisation(tokens)


def test_is_chinese_romanisation() -> None:
    assert is_chinese_romanisation(["liu", "baoxia"])
    assert is_chinese_romanisation(["Chang", "Wei-ming"])


def test_keys_are_fresh_lists() -> None:
    keys = romanisation_keys(["baoxia"])
    keys[0].append("x")
    assert romanisation_keys(["baoxia"]) == [["bao", "xia"]]


def test_han_forms_meet_latin_spellings() -> None:
    # The pinyin and Wade-Giles forms of a Han name share keys with each other and with
    # the spellings lists use.
    def keys(text: str) -> set[tuple[str, ...]]:
        return {tuple(k) for k in romanisation_keys(text.split())}

    for han, latin in [
        ("刘宝霞", "LIU Baoxia"),
        ("张伟明", "Chang Wei-ming"),
        ("蔡英文", "Tsai Ing-wen"),
        ("邓小平", "Teng Hsiao-ping"),
    ]:
        pinyin, wade_giles = han_romanisations(han)[:2]
        target = keys(latin.lower())
        assert keys(pinyin) & target, (han, pinyin)
        assert keys(wade_giles) & target, (han, wade_giles)


# --------------------------------------------------------------------------------------
# Japanese company names (kanji legal forms, kana in Hepburn)
# --------------------------------------------------------------------------------------

# The Japanese alias of CONCERN KALASHNIKOV on the OFAC and UK lists.
KALASHNIKOV_JA = "株式会社カラシニコフ・コンツェルン"


def test_japanese_company_kana_are_read_and_kanji_legal_form_is_a_legal_form() -> None:
    # Both used to read as 'zhushihuishe' (株式会社 in pinyin), the kana dropped.
    assert han_romanisations("株式会社ソニー") == ["co ltd soni", "co ltd sonii"]
    assert han_romanisations("ソフトバンク株式会社") == ["sofutobanku co ltd"]
    assert han_romanisations(KALASHNIKOV_JA) == ["co ltd karashinikofu kontserun"]
    for text in ("株式会社ソニー", "ソフトバンク株式会社", KALASHNIKOV_JA):
        assert not any("zhushi" in form or "huishe" in form for form in han_romanisations(text))


def test_japanese_kanji_legal_forms_end_in_legal_forms() -> None:
    from frontwatch.match.names import ORG, name_forms

    for text, legal in [
        ("株式会社ソニー", "co ltd"),
        ("ソフトバンク株式会社", "co ltd"),
        ("有限会社テスト", "co ltd"),
        ("合同会社テスト", "llc"),
        ("合資会社テスト", "kg"),
        ("合名会社テスト", "gp"),
        ("株式會社テスト", "co ltd"),  # 會, the traditional form
    ]:
        forms = name_forms(text, ORG)
        assert forms, text
        for form in forms:
            assert form.legal_forms == (legal,), (text, form)
            assert form.tokens[0].startswith(("soni", "sofutobanku", "tesuto")), (text, form)


def test_japanese_company_kanji_keep_their_reading() -> None:
    assert han_romanisations("トヨタ自動車株式会社")[0] == "toyota zidongche co ltd"
    # Full-width Latin letters are read, not dropped.
    assert han_romanisations("株式会社ＮＴＴドコモ") == ["co ltd ntt dokomo"]


def test_japanese_companies_do_not_match_on_their_legal_form() -> None:
    from frontwatch.match.names import ORG, name_forms
    from frontwatch.match.score import best_name_match

    def score(a: str, b: str) -> float:
        match = best_name_match(name_forms(a, ORG), name_forms(b, ORG), {}, ORG)
        return match.score if match is not None else 0.0

    # Was 1.00: 'zhushihuishe' = 'zhushihuishe'.
    assert score("株式会社ソニー", KALASHNIKOV_JA) < 0.7
    assert score("ソフトバンク株式会社", KALASHNIKOV_JA) < 0.7
    assert score(KALASHNIKOV_JA, KALASHNIKOV_JA) == 1.0
    # The kana reading meets the Latin names.
    assert score("株式会社ソニー", "Sony Group Corporation") >= 0.8
    assert score("株式会社ソニー", "ソニー") == 1.0
    assert score("ソフトバンク株式会社", "SoftBank Corp.") >= 0.9


def test_japanese_person_kana_are_read() -> None:
    # Kana used to be dropped from a person's name ("山田 はなこ" read as "shan tian").
    assert all("hanako" in form for form in han_romanisations("山田 はなこ", True))
    assert all("hanako" in form for form in han_romanisations("山田はなこ", True))


def test_each_reading_says_what_it_is() -> None:
    # The Cantonese reading of a Hong Kong company was labelled "pinyin": labels went
    # by position, and a reading equal to another dropped out before them.
    from frontwatch.match.names import name_forms

    origins = {f.tokens: f.origin for f in name_forms("沈忠國際海運有限公司", "org")}
    assert origins[("sham", "chung", "international", "shipping")] == "romanised (cantonese)"
    assert origins[("shenzhong", "international", "shipping")] == "romanised (translated)"
    origins = {f.tokens: f.origin for f in name_forms("刘宝霞", "person")}
    assert origins[("liu", "paohsia")] == "romanised (wade-giles)"
