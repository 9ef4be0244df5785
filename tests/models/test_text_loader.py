import pytest

from models.errors import DocumentError
from models.loaders import load_document


def test_utf8_bom_and_crlf_are_normalised(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffHeadline\r\n\r\nBody text.\r\n".encode())
    doc = load_document(path)
    assert doc.text == "Headline\n\nBody text.\n"
    assert doc.title == "Headline"


def test_utf16_with_bom(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Zoë met Søren.".encode("utf-16"))
    assert load_document(path).text == "Zoë met Søren."


def test_legacy_encoding_is_detected(tmp_path) -> None:
    path = tmp_path / "a.txt"
    text = "Le président français a rencontré le ministre à Genève, déclarant qu'il était prêt à négocier."
    path.write_bytes(text.encode("cp1252"))
    assert load_document(path).text == text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\n", "empty"), (bytes(range(256)) * 8, "not a text document")],
)
def test_bad_files_give_plain_messages(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        load_document(path)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        load_document(tmp_path / "nope.txt")
