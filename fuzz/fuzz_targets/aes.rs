//! AES decryption (encrypt_type=AES): ciphertext of arbitrary bytes with a fixed key, as text
//! and as a mini-program open-data envelope.
#![no_main]

use fuzz_common::{AES_KEY, fixture};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = alipay_notify::decrypt(AES_KEY, data);
    let _ = fixture().aes_verifier.verify_open_data(data);
});
