//! Pop-ups over a screen. Each one owns its keys and its drawing, in one file: the key
//! reference ([`help`]), the one-line questions ([`prompt`]) and the objection and
//! incident editor ([`event`]). The seal question belongs to the seal screen
//! (`screens/seal.rs`). While a pop-up is open it takes every key (see
//! `app::dispatch`), and it is drawn over the screen by `screens::view`.

pub(crate) mod event;
pub(crate) mod help;
pub(crate) mod prompt;
