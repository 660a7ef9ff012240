"""Japanese kana in Hepburn, and Japanese legal forms in kanji."""

from __future__ import annotations

import pytest

from frontwatch.match.japanese import JP_LEGAL_FORMS, has_kana, romanise


def test_has_kana() -> None:
    assert has_kana("株式会社ソニー")
    assert has_kana("ひらがな")
    assert has_kana("ｶﾗｼﾆｺﾌ")  # half-width
    assert not has_kana("株式会社")
    assert not has_kana("Sony")
    assert not has_kana("・")  # the middle dot is a separator


@pytest.mark.parametrize(
    ("kana", "latin"),
    [
        ("カラシニコフ", "karashinikofu"),
        ("コンツェルン", "kontserun"),
        ("ソフトバンク", "sofutobanku"),
        ("ソニー", "soni"),
        ("トヨタ", "toyota"),
        ("ドコモ", "dokomo"),
        ("きょうと", "kyouto"),  # hiragana, small yo
        ("シャープ", "shapu"),
        ("チョコレート", "chokoreto"),
        ("マッチ", "matchi"),  # sokuon before ch: tch
        ("ニッポン", "nippon"),
        ("ティッシュ", "tisshu"),
        ("ヴィクトリア", "vikutoria"),
        ("ファーウェイ", "fawei"),
        ("ジェーン", "jen"),
        ("ｶﾗｼﾆｺﾌ", "karashinikofu"),  # half-width
        ("ガンダム", "gandamu"),  # voiced marks
        ("ぢゃ", "ja"),
    ],
)
def test_romanise(kana: str, latin: str) -> None:
    assert romanise(kana) == latin


def test_long_vowels_doubled() -> None:
    assert romanise("ソニー", "double") == "sonii"
    assert romanise("ファーウェイ", "double") == "faawei"
    assert romanise("ソフトバンク", "double") == "sofutobanku"


def test_other_characters_are_kept() -> None:
    assert romanise("カラシニコフ・コンツェルン") == "karashinikofu・kontserun"
    assert romanise("株式会社ソニー") == "株式会社soni"


def test_every_kana_is_read() -> None:
    # No hiragana or katakana letter is left unread (or passed through).
    letters = [chr(cp) for cp in range(0x3041, 0x3097)] + [chr(cp) for cp in range(0x30A1, 0x30FB)]
    for ch in letters:
        if ch in "ッっ":
            continue
        out = romanise(ch)
        assert out.isascii() and out.isalpha(), (ch, out)


def test_legal_forms_are_simplified_keys() -> None:
    from frontwatch.match.chinese import to_simplified

    for key in JP_LEGAL_FORMS:
        assert to_simplified(key) == key


def test_a_name_in_kana_alone_reads_as_with_kanji() -> None:
    # Kana-only names went through ICU's transliteration (コンツェルン 'kontsuerun'),
    # names with kanji through Hepburn ('kontserun'): the two did not meet.
    from frontwatch.match.names import name_forms

    alone = {f.tokens for f in name_forms("カラシニコフ・コンツェルン", "org")}
    with_kanji = {f.tokens for f in name_forms("株式会社カラシニコフ・コンツェルン", "org")}
    assert ("karashinikofu", "kontserun") in alone & with_kanji
