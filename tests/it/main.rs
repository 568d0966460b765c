//! Every integration test, in one test binary: one link instead of one per file.
//! Each file is a module named for what it tests; `tui_support` and `qr_support` are
//! shared helpers.

mod qr_support;
mod spec_support;
mod tui_support;

mod checks_published;
mod cli_compare;
mod cli_lang;
mod cli_misc;
mod cli_walkthrough;
mod compare_real;
mod compare_view;
mod eml_forms;
mod eml_import;
mod eml_osv_truncated;
mod ingest_national;
mod ingest_real;
mod journal_kill;
mod qr_cli;
mod qr_image;
mod qr_payload;
mod qr_proptest;
mod qr_tui;
mod seal_vectors;
mod spec_qr;
mod spec_seal;
mod tui_compare;
mod tui_e2e;
mod tui_edges;
mod tui_fill;
mod tui_forms;
mod tui_resume;
mod tui_screens;
mod tui_seal_qr;
mod tui_transcription;
mod tui_walkthrough;
mod verify_flip;
