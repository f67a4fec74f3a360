"""Signatures: per document, plain data, the same whoever computes them and whenever."""

from dupes_stories import HARBOUR, LIBRARIES, article

from corpuskit.dupes import Signature, compute_signature
from corpuskit.dupes.signatures import band_keys


def test_round_trip_through_bytes():
    signature = compute_signature(article(LIBRARIES))
    stored = signature.to_bytes()
    assert isinstance(stored, bytes)
    assert Signature.from_bytes(stored) == signature
    assert all(isinstance(v, int) for v in signature.minhash + signature.anchors)


def test_a_signature_depends_only_on_its_text():
    first = compute_signature(article(LIBRARIES))
    compute_signature(article(HARBOUR))  # signing another text changes nothing
    assert compute_signature(article(LIBRARIES)) == first


def test_near_copies_share_minhash_bands_and_unrelated_texts_do_not():
    original = compute_signature(article(LIBRARIES))
    copy = compute_signature(article(LIBRARIES).replace("2.4 million", "2.6 million"))
    other = compute_signature(article(HARBOUR))
    agree = sum(x == y for x, y in zip(original.minhash, copy.minhash)) / len(original.minhash)
    assert agree > 0.7
    assert set(band_keys(original.minhash, 16)) & set(band_keys(copy.minhash, 16))
    assert not set(band_keys(original.minhash, 16)) & set(band_keys(other.minhash, 16))


def test_whitespace_does_not_change_the_exact_text_hash():
    text = article(LIBRARIES)
    assert compute_signature(text).text_hash == compute_signature("  " + text.replace(" ", "  ") + "\n").text_hash


def test_empty_text_signs():
    signature = compute_signature("")
    assert signature.minhash == () and signature.anchors == ()
