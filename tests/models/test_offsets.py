from models.offsets import Utf16Map


def test_bmp_text_maps_to_itself() -> None:
    text = "Café Müller met Zoë."
    m = Utf16Map(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_emoji_shift_qt_positions_by_one_each() -> None:
    text = "😀 Biden 👍🏽 met Netanyahu"
    m = Utf16Map(text)
    biden = text.index("Biden")
    netanyahu = text.index("Netanyahu")
    assert m.to_qt(biden) == biden + 1
    # 👍🏽 is two astral code points: four UTF-16 units.
    assert m.to_qt(netanyahu) == netanyahu + 3
    assert len(text.encode("utf-16-le")) // 2 == m.to_qt(len(text))


def test_round_trip_every_index() -> None:
    text = "a😀b𝒳c é 🇫🇷 end"
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        assert m.to_py(m.to_qt(i)) == i
