//! What can go wrong while importing a published file, said so that the user can find
//! the place: the file, the line and column (or the CSV line and field), and what was
//! expected there, in Dutch and English.

use std::fmt;

use crate::i18n::Text;

/// A place in a file: 1-based line, and the 1-based column (XML, in characters) or field
/// (CSV) when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: Option<usize>,
}

impl Position {
    /// The line and column of byte `offset` in `text`. Columns count characters, not
    /// bytes, as editors do.
    pub(crate) fn of_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = text[line_start..offset].chars().count() + 1;
        Position {
            line,
            column: Some(column),
        }
    }

    pub fn line(line: usize) -> Position {
        Position { line, column: None }
    }
}

/// The kind of problem, so that callers (and tests) can tell them apart without reading
/// the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The bytes are not UTF-8 or UTF-16, or the declared encoding is another one.
    Encoding,
    /// A byte-order mark where none belongs, or one that contradicts the content.
    Bom,
    /// A document type declaration or entity declaration: refused, never expanded.
    Dtd,
    /// Not well-formed XML, e.g. a truncated file.
    Malformed,
    /// The root element is not EML_NL's `EML` in `urn:oasis:names:tc:evs:schema:eml`.
    Namespace,
    /// A well-formed file that is not one of the documents this program reads.
    UnknownDocument,
    /// An EML_NL document that does not follow the schema (missing or unexpected
    /// elements, as the Kiesraad's `eml-nl` crate reports them).
    Schema,
    /// A count that is negative, not a whole number, or too large.
    Count,
    /// The same polling station twice in one file.
    DuplicateStation,
    /// A CSV that is not separated by `;`.
    CsvDelimiter,
    /// A CSV that does not have the osv4-3 layout.
    CsvFormat,
    /// A zip archive that could not be read.
    Archive,
    /// The files given do not fit together (another election, no candidate lists, …).
    Inconsistent,
}

/// An import error: which file, where in it, what kind, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file as the user named it; inside a zip archive `archive.zip!/inner/name`.
    pub file: String,
    pub position: Option<Position>,
    /// The byte offset in the file, where the streaming 510 reader found the problem
    /// (it does not count lines, to keep its speed).
    pub offset: Option<u64>,
    pub kind: ErrorKind,
    /// What is wrong and what was expected. Data in it (a value from the file, a
    /// parser's or the operating system's message) is the same in both languages.
    pub message: Text,
}

impl ImportError {
    pub(crate) fn new(file: impl Into<String>, kind: ErrorKind, message: Text) -> ImportError {
        ImportError {
            file: file.into(),
            position: None,
            offset: None,
            kind,
            message,
        }
    }

    /// The whole error for a person: where (file, line and column, or byte), then
    /// what; [`fmt::Display`] gives the English.
    pub fn text(&self) -> Text {
        let place = self.place();
        Text::new(
            format!("{place}{}", self.message.nl),
            format!("{place}{}", self.message.en),
        )
    }

    /// `file:line:column: `, `file:line: `, `file: byte N: ` or `file: `.
    fn place(&self) -> String {
        match (self.position, self.offset) {
            (
                Some(Position {
                    line,
                    column: Some(col),
                }),
                _,
            ) => format!("{}:{line}:{col}: ", self.file),
            (Some(Position { line, column: None }), _) => format!("{}:{line}: ", self.file),
            (None, Some(at)) => format!("{}: byte {at}: ", self.file),
            (None, None) => format!("{}: ", self.file),
        }
    }

    pub(crate) fn at(mut self, position: Position) -> ImportError {
        self.position = Some(position);
        self
    }

    /// Places the error at byte `offset` of `text`.
    pub(crate) fn at_offset(self, text: &str, offset: usize) -> ImportError {
        self.at(Position::of_offset(text, offset))
    }

    /// Places the error at a byte offset, when the text around it is not at hand.
    pub(crate) fn at_byte(mut self, offset: u64) -> ImportError {
        self.offset = Some(offset);
        self
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.place(), self.message.en)
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_line_and_character_column() {
        let text = "ab\ncé\nxyz";
        assert_eq!(
            Position::of_offset(text, 0),
            Position {
                line: 1,
                column: Some(1)
            }
        );
        assert_eq!(
            Position::of_offset(text, 3),
            Position {
                line: 2,
                column: Some(1)
            }
        );
        // `é` is two bytes; the `\n` after it is the third character of line 2.
        assert_eq!(
            Position::of_offset(text, 6),
            Position {
                line: 2,
                column: Some(3)
            }
        );
        assert_eq!(
            Position::of_offset(text, 8),
            Position {
                line: 3,
                column: Some(2)
            }
        );
    }

    #[test]
    fn display_names_file_line_and_column() {
        let truncated = Text::fixed("afgebroken", "truncated");
        let e = ImportError::new("a.xml", ErrorKind::Malformed, truncated).at(Position {
            line: 3,
            column: Some(7),
        });
        assert_eq!(e.to_string(), "a.xml:3:7: truncated");
        assert_eq!(e.text().nl, "a.xml:3:7: afgebroken");
        let e = ImportError::new("a.csv", ErrorKind::CsvFormat, Text::same("bad"))
            .at(Position::line(9));
        assert_eq!(e.to_string(), "a.csv:9: bad");
        let e = ImportError::new("a.xml", ErrorKind::Malformed, Text::same("x")).at_byte(21);
        assert_eq!(e.text().en, "a.xml: byte 21: x");
    }
}
