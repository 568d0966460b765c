//! The `meetel` binary: everything lives in the library (`meetel::cli`), so that tests
//! and the TUI share one core.

fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, so `meetel show x | head` would panic on the first write
    // after `head` exits. Command-line tools are expected to end quietly there, as
    // with the default action; every file is already on disk before anything is printed.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    meetel::cli::main()
}
