//! Every word a person reads, in Dutch (the default: the language of the PV and the
//! room) and English (`--lang en`), through one type: [`Text`].
//!
//! - Fixed words are constants, `'static` references so that what `get` returns lives
//!   as long as the program: `const SAVED: &Text = &Text::fixed("opgeslagen", "saved")`,
//!   or inline in a table, `words!("opgeslagen", "saved")`.
//! - Words with figures in them are made with [`text!`](crate::text):
//!   `text!("{n} stembureaus", "{n} polling stations")`.
//! - Domain values carry their own words: `label() -> Text` on enums (a tick, an answer,
//!   a field), `describe() -> Text` on what happened (an op, a pattern, a check).
//! - Labels that come from a form file (moments, questions, categories) are `Text` too,
//!   read from the RON.
//!
//! Data (a file name, a station name, an operating-system message) is not translated;
//! [`Text::same`] carries it in both languages, and [`crate::display::visible`] shows it
//! with control characters made visible.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The language a person reads the program in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// Parses `nl` or `en` (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "nl" | "nederlands" | "dutch" => Some(Lang::Nl),
            "en" | "english" | "engels" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A label or message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nl: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    /// Fixed words, usable in constants and const tables.
    pub const fn fixed(nl: &'static str, en: &'static str) -> Text {
        Text {
            nl: Cow::Borrowed(nl),
            en: Cow::Borrowed(en),
        }
    }

    pub fn new(nl: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// Words that are the same in both languages: data such as a file name or an
    /// operating-system message, which comes in one language only.
    pub fn same(s: impl Into<Cow<'static, str>>) -> Text {
        let s = s.into();
        Text {
            nl: s.clone(),
            en: s,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// This text followed by `other`, in each language.
    pub fn join(&self, sep: &str, other: &Text) -> Text {
        Text::new(
            format!("{}{sep}{}", self.nl, other.nl),
            format!("{}{sep}{}", self.en, other.en),
        )
    }
}

/// Shows the Dutch text; a caller that knows the language uses [`Text::get`].
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.nl)
    }
}

/// Fixed words as a `&'static Text`, usable inline in constant tables (a `&Text::fixed(…)`
/// there would be a temporary).
#[macro_export]
macro_rules! words {
    ($nl:literal, $en:literal $(,)?) => {{
        const WORDS: &$crate::i18n::Text = &$crate::i18n::Text::fixed($nl, $en);
        WORDS
    }};
}

/// A [`Text`] with figures in it: `text!("{n} stembureaus", "{n} polling stations")`.
/// Both arguments are format strings over the same variables.
#[macro_export]
macro_rules! text {
    ($nl:literal, $en:literal $(,)?) => {
        $crate::i18n::Text::new(format!($nl), format!($en))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_formatted_text_read_in_both_languages() {
        const SAVED: &Text = &Text::fixed("opgeslagen", "saved");
        assert_eq!(words!("ja", "yes").get(Lang::En), "yes");
        assert_eq!(SAVED.get(Lang::Nl), "opgeslagen");
        assert_eq!(SAVED.get(Lang::En), "saved");
        let n = 3;
        let t = text!("{n} stembureaus", "{n} polling stations");
        assert_eq!(t.get(Lang::Nl), "3 stembureaus");
        assert_eq!(t.get(Lang::En), "3 polling stations");
    }

    #[test]
    fn text_reads_from_ron_as_the_forms_write_it() {
        let t: Text = ron::from_str(r#"(nl: "ja", en: "yes")"#).unwrap();
        assert_eq!(t, Text::fixed("ja", "yes"));
    }
}
