//! Shared pieces of the random-input generators. Each exercise's generator lives in its own
//! module and is registered in `registry.rs`; [`super::generate`] seeds it.

/// `[1, -2, 3]`: a Python list literal of `v`, built directly (generated inputs reach a
/// million items, too many to build as `PyValue`s first).
pub(crate) fn join_ints(v: &[i64]) -> String {
    let mut s = String::with_capacity(v.len() * 8 + 2);
    s.push('[');
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&x.to_string());
    }
    s.push(']');
    s
}
