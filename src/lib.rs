//! meetel ("count along"): an independent, sealed record of a Dutch polling-station
//! count, made by a citizen observer in the room.
//!
//! The domain (election, form, sheet, journal, seal, checks, published results,
//! comparison) lives here with no terminal code in it, so that the TUI, the CLI and the
//! tests all read one core. `tui` is the only module that draws.

pub mod checks;
pub mod cli;
pub mod compare;
pub mod display;
pub mod election;
pub mod eml;
pub mod fingerprint;
pub mod form;
pub mod fsutil;
pub mod i18n;
pub mod keys;
pub mod published;
pub mod qr;
pub mod sheet;
#[cfg(any(test, feature = "testkit"))]
#[doc(hidden)]
pub mod testkit;
pub mod tui;
