//! Event ids: random v4 UUIDs from the browser's CSPRNG.

/// `crypto.randomUUID()` where available (secure contexts), else a v4 UUID
/// built from `crypto.getRandomValues`, else from `Math.random` combined with
/// the clock — ids only need to be unique, not secret.
pub fn new_v4() -> String {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(c) = &crypto {
        let id = c.random_uuid();
        if id.len() == 36 {
            return id;
        }
    }
    let mut bytes = [0u8; 16];
    let filled = crypto
        .as_ref()
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        let t = js_sys::Date::now() as u64;
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = ((js_sys::Math::random() * 256.0) as u64 ^ (t >> (i % 8))) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
