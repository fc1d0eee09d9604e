import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from handslag.tendering import crypto


def test_round_trip_and_binding():
    wrapped, kek_id = crypto.new_wrapped_key(call_id=1)
    assert len(kek_id) == 16
    key = crypto.unwrap_key(wrapped_key=wrapped, kek_id=kek_id, call_id=1)
    assert len(key) == 32
    blob = crypto.encrypt_tender(data_key=key, plaintext=b"secret", call_id=1, receipt="R1")
    assert b"secret" not in blob
    assert (
        crypto.decrypt_tender(data_key=key, ciphertext=blob, call_id=1, receipt="R1") == b"secret"
    )
    # Swapped onto another tender or call: refused.
    with pytest.raises(crypto.TenderDecryptionError):
        crypto.decrypt_tender(data_key=key, ciphertext=blob, call_id=1, receipt="R2")
    with pytest.raises(crypto.TenderDecryptionError):
        crypto.decrypt_tender(data_key=key, ciphertext=blob, call_id=2, receipt="R1")
    # A wrapped key moved to another call does not unwrap.
    with pytest.raises(crypto.TenderDecryptionError):
        crypto.unwrap_key(wrapped_key=wrapped, kek_id=kek_id, call_id=2)


def test_nonce_is_fresh_per_message():
    wrapped, kek_id = crypto.new_wrapped_key(call_id=3)
    key = crypto.unwrap_key(wrapped_key=wrapped, kek_id=kek_id, call_id=3)
    one = crypto.encrypt_tender(data_key=key, plaintext=b"x", call_id=3, receipt="R")
    two = crypto.encrypt_tender(data_key=key, plaintext=b"x", call_id=3, receipt="R")
    assert one != two


def test_tampered_ciphertext_refused():
    wrapped, kek_id = crypto.new_wrapped_key(call_id=1)
    key = crypto.unwrap_key(wrapped_key=wrapped, kek_id=kek_id, call_id=1)
    blob = bytearray(crypto.encrypt_tender(data_key=key, plaintext=b"abc", call_id=1, receipt="R"))
    blob[-1] ^= 1
    with pytest.raises(crypto.TenderDecryptionError):
        crypto.decrypt_tender(data_key=key, ciphertext=bytes(blob), call_id=1, receipt="R")


@pytest.mark.parametrize("value", ["", "not base64!!", base64.urlsafe_b64encode(b"short").decode()])
def test_bad_kek_is_improperly_configured(settings, value):
    settings.TENDER_KEY_ENCRYPTION_KEY = value
    with pytest.raises(ImproperlyConfigured):
        crypto.new_wrapped_key(call_id=1)


def test_other_kek_refused(settings):
    wrapped, kek_id = crypto.new_wrapped_key(call_id=1)
    settings.TENDER_KEY_ENCRYPTION_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()
    with pytest.raises(ImproperlyConfigured):
        crypto.unwrap_key(wrapped_key=wrapped, kek_id=kek_id, call_id=1)
