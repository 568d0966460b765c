//! The `meetel` binary: everything lives in the library (`meetel::cli`), so that tests
//! and the TUI share one core.

fn main() -> std::process::ExitCode {
    meetel::cli::main()
}
