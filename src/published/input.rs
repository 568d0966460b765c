//! Getting published files in: single files, directories (recursively) and zip archives;
//! their fingerprints; and turning their bytes into text safely (encoding, byte-order
//! marks, and no DTDs) before any parser sees them.

use std::io::Read;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::error::{ErrorKind, ImportError, Position};
use crate::fingerprint::Fingerprint;
use crate::form::SourceFile;
use crate::i18n::Text;
use crate::text;

/// EML_NL's namespace; the root element `EML` must be in it.
pub(crate) const NS_EML: &str = "urn:oasis:names:tc:evs:schema:eml";

/// One published file, read into memory.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// The file as the user named it; an entry of a zip archive is `archive.zip!/entry`.
    pub name: String,
    /// The file's own name, without directories: what a [`SourceFile`] records.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl InputFile {
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> InputFile {
        let name = name.into();
        let file_name = base_name(&name);
        InputFile {
            name,
            file_name,
            bytes,
        }
    }

    /// Reads a file.
    pub fn read(path: &Path) -> Result<InputFile, ImportError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            ImportError::new(
                &name,
                ErrorKind::Io,
                text!(
                    "kan het bestand niet lezen: {e}",
                    "cannot read the file: {e}"
                ),
            )
        })?;
        Ok(InputFile::from_bytes(name, bytes))
    }

    /// The file's name and SHA-256 in the Kiesraad's notation.
    pub fn source(&self) -> SourceFile {
        SourceFile {
            name: self.file_name.clone(),
            sha256: Fingerprint::of(&self.bytes).to_string(),
        }
    }

    /// Whether the name says zip archive.
    pub(crate) fn is_zip(&self) -> bool {
        self.name.to_ascii_lowercase().ends_with(".zip")
    }

    /// The text of the file: see [`decode`].
    pub(crate) fn text(&self) -> Result<String, ImportError> {
        decode(&self.name, &self.bytes)
    }
}

fn base_name(name: &str) -> String {
    let inner = name.rsplit("!/").next().unwrap_or(name);
    Path::new(inner)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| inner.to_string())
}

/// The files under the paths the user gave: a file as it is, a directory recursively
/// (in name order, so that the result does not depend on the file system). Problems
/// (a path that does not exist, a directory that cannot be read) are collected, not
/// fatal: the other files are still found.
pub fn walk(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ImportError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walk = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .follow_links(true);
            for entry in walk {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                    Ok(_) => {}
                    Err(e) => errors.push(ImportError::new(
                        e.path().unwrap_or(path).display().to_string(),
                        ErrorKind::Io,
                        text!(
                            "kan de map niet lezen: {e}",
                            "cannot read the directory: {e}"
                        ),
                    )),
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            errors.push(ImportError::new(
                path.display().to_string(),
                ErrorKind::Io,
                // The Dutch keeps the system's phrase (ENOENT's), which is what one searches
                // for, first, so that a narrow screen does not cut it.
                Text::fixed(
                    "no such file or directory (bestaat niet)",
                    "no such file or directory",
                ),
            ));
        }
    }
    (files, errors)
}

/// The files under `paths` ([`walk`]) read into memory, a `.zip` archive unpacked into
/// its entries (also recursively, for a zip inside a zip). Problems are collected, not
/// fatal: the other files are still read.
pub(crate) fn collect_inputs(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<ImportError>) {
    let (files, mut errors) = walk(paths);
    let mut inputs = Vec::new();
    for file in files {
        push_input(InputFile::read(&file), &mut inputs, &mut errors);
    }
    (inputs, errors)
}

/// Whether `path` holds an EML 510 count, from its first kilobytes: such a file is
/// read with the streaming reader ([`super::stream510`]).
pub fn is_count_file(path: &Path) -> bool {
    let mut head = [0u8; 4096];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let head = &head[..n];
    memchr::memmem::find(head, b"Id=\"510").is_some()
        && memchr::memmem::find(head, b"<EML").is_some()
}

/// How deep zip archives may be nested (a zip in a zip is 2). The Kiesraad nests at
/// most one level; without a limit, an archive that contains itself (a "zip quine")
/// would be unpacked forever.
pub(crate) const MAX_ZIP_NESTING: usize = 4;

fn push_input(
    input: Result<InputFile, ImportError>,
    inputs: &mut Vec<InputFile>,
    errors: &mut Vec<ImportError>,
) {
    push_input_at(input, inputs, errors, 0);
}

/// As [`push_input`], for an input found inside `zips` nested zip archives.
fn push_input_at(
    input: Result<InputFile, ImportError>,
    inputs: &mut Vec<InputFile>,
    errors: &mut Vec<ImportError>,
    zips: usize,
) {
    match input {
        Ok(i) if i.is_zip() && zips >= MAX_ZIP_NESTING => errors.push(ImportError::new(
            &i.name,
            ErrorKind::Archive,
            {
                let deep = zips + 1;
                text!(
                    "een zip-archief {deep} lagen diep; geweigerd (verwacht ten hoogste {MAX_ZIP_NESTING}: de Kiesraad zet hoogstens een zip in een zip)",
                    "a zip archive nested {deep} deep; refused (expected at most {MAX_ZIP_NESTING}: the Kiesraad puts at most a zip in a zip)"
                )
            },
        )),
        Ok(i) if i.is_zip() => match unzip(&i) {
            Ok(entries) => {
                for e in entries {
                    push_input_at(Ok(e), inputs, errors, zips + 1);
                }
            }
            Err(e) => errors.push(e),
        },
        Ok(i) => inputs.push(i),
        Err(e) => errors.push(e),
    }
}

/// The largest zip entry unpacked: 2 GiB.
const MAX_ENTRY: u64 = 2 << 30;
/// The most memory reserved for a zip entry before reading it (it grows as it is read).
const MAX_PREALLOCATED: u64 = 16 << 20;

/// The files in a zip archive, in the archive's order; directories are skipped.
pub(crate) fn unzip(archive: &InputFile) -> Result<Vec<InputFile>, ImportError> {
    let bad = |e: zip::result::ZipError| {
        ImportError::new(
            &archive.name,
            ErrorKind::Archive,
            text!(
                "kan het zip-archief niet lezen: {e}; verwacht een zip-bestand zoals de Kiesraad dat publiceert",
                "cannot read the zip archive: {e}; expected a zip file as the Kiesraad publishes them"
            ),
        )
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&archive.bytes)).map_err(bad)?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(bad)?;
        if entry.is_dir() {
            continue;
        }
        // zip 9 refuses an entry name that is not valid in its encoding; such an entry is
        // named by its index, so that the error about it still says which one it is.
        let name = match entry.name() {
            Ok(entry_name) => format!("{}!/{entry_name}", archive.name),
            Err(_) => format!("{}!/#{i}", archive.name),
        };
        // A published file is at most a few hundred MB; the cap keeps a "zip bomb" (a
        // tiny archive that unpacks to many GB) from exhausting memory.
        let too_big = || {
            ImportError::new(&name, ErrorKind::Archive, {
                let mb = MAX_ENTRY >> 20;
                text!(
                        "dit bestand in het archief wordt uitgepakt groter dan {mb} MB; geweigerd (verwacht een gepubliceerd bestand van hoogstens een paar honderd MB)",
                        "this entry unpacks to more than {mb} MB; refused (expected a published file, at most a few hundred MB)"
                    )
            })
        };
        if entry.size() > MAX_ENTRY {
            return Err(too_big());
        }
        // The size in the header is only a claim: reserve at most a little of it ahead,
        // or a crafted archive of many small entries each claiming 2 GiB would reserve
        // 2 GiB apiece.
        let mut bytes = Vec::with_capacity(entry.size().min(MAX_PREALLOCATED) as usize);
        (&mut entry)
            .take(MAX_ENTRY + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                ImportError::new(
                    &name,
                    ErrorKind::Archive,
                    text!(
                        "kan dit bestand in het zip-archief niet uitpakken: {e}",
                        "cannot unpack this entry of the zip archive: {e}"
                    ),
                )
            })?;
        if bytes.len() as u64 > MAX_ENTRY {
            return Err(too_big());
        }
        out.push(InputFile::from_bytes(name, bytes));
    }
    Ok(out)
}

/// The text of a published file. The Kiesraad's files are UTF-8, the CSVs with a
/// byte-order mark; UTF-16 (with a mark, or recognisable by its first character `<`)
/// is accepted too. Anything else is refused with the place of the first bad byte,
/// since reading it as UTF-8 would silently change names. The mark is removed.
pub(crate) fn decode(name: &str, bytes: &[u8]) -> Result<String, ImportError> {
    const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(ImportError::new(
            name,
            ErrorKind::Encoding,
            Text::fixed(
                "het bestand is UTF-32; verwacht UTF-8 (zoals de Kiesraad publiceert) of UTF-16",
                "the file is UTF-32; expected UTF-8 (as the Kiesraad publishes) or UTF-16",
            ),
        ));
    }
    let text = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        utf8(name, rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(name, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(name, rest, u16::from_be_bytes)?
    } else if bytes.starts_with(&[b'<', 0]) {
        utf16(name, bytes, u16::from_le_bytes)?
    } else if bytes.starts_with(&[0, b'<']) {
        utf16(name, bytes, u16::from_be_bytes)?
    } else {
        utf8(name, bytes)?
    };
    if text.starts_with('\u{feff}') {
        return Err(ImportError::new(
            name,
            ErrorKind::Bom,
            Text::fixed(
                "het bestand begint met twee byte-order marks (U+FEFF); verwacht hoogstens één. Het is waarschijnlijk twee keer omgezet; sla het opnieuw op als gewone UTF-8",
                "the file starts with two byte-order marks (U+FEFF); expected at most one. It was probably converted twice; save it again as plain UTF-8",
            ),
        )
        .at(Position { line: 1, column: Some(1) }));
    }
    Ok(text)
}

fn utf8(name: &str, bytes: &[u8]) -> Result<String, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = e.valid_up_to();
            // The prefix is valid UTF-8 by construction, so positions can be counted in it.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            Err(ImportError::new(
                name,
                ErrorKind::Encoding,
                {
                    let byte = bytes[good];
                    text!(
                        "byte 0x{byte:02X} is geen UTF-8; verwacht UTF-8 (zoals de Kiesraad publiceert) of UTF-16. \
                         Is het bestand opgeslagen als Latin-1 of Windows-1252? Sla het opnieuw op als UTF-8",
                        "byte 0x{byte:02X} is not UTF-8; expected UTF-8 (as the Kiesraad publishes) or UTF-16. \
                         Was the file saved as Latin-1 or Windows-1252? Save it again as UTF-8"
                    )
                },
            )
            .at_offset(prefix, good))
        }
    }
}

fn utf16(name: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ImportError::new(
            name,
            ErrorKind::Encoding,
            Text::fixed(
                "het bestand lijkt UTF-16 maar heeft een oneven aantal bytes: het is afgebroken of geen UTF-16",
                "the file looks like UTF-16 but has an odd number of bytes: it is truncated or not UTF-16",
            ),
        ));
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for ch in char::decode_utf16(units) {
        match ch {
            Ok(c) => out.push(c),
            Err(e) => {
                return Err(ImportError::new(name, ErrorKind::Encoding, {
                    let unit = e.unpaired_surrogate();
                    text!(
                        "ongeldige UTF-16: losse surrogaat 0x{unit:04X}",
                        "invalid UTF-16: unpaired surrogate 0x{unit:04X}"
                    )
                })
                .at_offset(&out, out.len()))
            }
        }
    }
    Ok(out)
}

/// What the root element of an XML file says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlRoot {
    /// The `Id` attribute of `EML`: the document type, e.g. `510b`.
    pub id: String,
}

/// Checks an XML text before any parser sees it, and reads the document type:
/// - a DTD or entity declaration is refused (never expanded: it is how "billion laughs"
///   and external-entity attacks work, and EML_NL has no use for one);
/// - a declared encoding must be UTF-8 or UTF-16;
/// - the root must be `EML` in EML_NL's namespace, with an `Id`.
pub(crate) fn check_xml(name: &str, text: &str) -> Result<XmlRoot, ImportError> {
    if let Some(offset) = find_declaration(text) {
        return Err(ImportError::new(
            name,
            ErrorKind::Dtd,
            Text::fixed(
                "het bestand heeft een documenttype- of entiteitdeclaratie (<!DOCTYPE of <!ENTITY); geweigerd en niet \
                 uitgevouwen: EML_NL-bestanden hebben er nooit een, en uitvouwen kan het geheugen uitputten of andere bestanden lezen",
                "the file has a document type or entity declaration (<!DOCTYPE or <!ENTITY); refused and not \
                 expanded: EML_NL files never have one, and expanding one can exhaust memory or read other files",
            ),
        )
        .at_offset(text, offset));
    }
    check_declared_encoding(name, text)?;

    let mut reader = NsReader::from_str(text);
    loop {
        let before = reader.buffer_position() as usize;
        let (ns, event) = match reader.read_resolved_event() {
            Ok(x) => x,
            Err(e) => {
                let at = match reader.error_position() as usize {
                    0 => before,
                    p => p,
                };
                return Err(ImportError::new(
                    name,
                    ErrorKind::Malformed,
                    text!("geen goedgevormde XML: {e}", "not well-formed XML: {e}"),
                )
                .at_offset(text, at));
            }
        };
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let local = start.local_name().as_ref().to_string();
                let namespace = match ns {
                    ResolveResult::Bound(n) => n.as_ref().to_string(),
                    _ => String::new(),
                };
                if local != "EML" || namespace != NS_EML {
                    let (found_nl, found_en) = if namespace.is_empty() {
                        (
                            format!("`{local}` zonder namespace"),
                            format!("`{local}` in no namespace"),
                        )
                    } else {
                        (
                            format!("`{local}` in namespace `{namespace}`"),
                            format!("`{local}` in namespace `{namespace}`"),
                        )
                    };
                    return Err(ImportError::new(
                        name,
                        ErrorKind::Namespace,
                        text!(
                            "het hoofdelement is {found_nl}; verwacht `EML` in namespace `{NS_EML}` (een EML_NL-bestand)",
                            "the root element is {found_en}; expected `EML` in namespace `{NS_EML}` (an EML_NL file)"
                        ),
                    )
                    .at_offset(text, before));
                }
                let id = start
                    .try_get_attribute("Id")
                    .ok()
                    .flatten()
                    // The document type is plain ASCII (`510b`); no unescaping is needed.
                    .map(|a| a.value.into_owned());
                return match id {
                    Some(id) => Ok(XmlRoot { id }),
                    None => Err(ImportError::new(
                        name,
                        ErrorKind::UnknownDocument,
                        Text::fixed(
                            "het EML-element heeft geen attribuut Id; verwacht het documenttype, bijvoorbeeld Id=\"510b\"",
                            "the EML element has no Id attribute; expected the document type, e.g. Id=\"510b\"",
                        ),
                    )
                    .at_offset(text, before)),
                };
            }
            Event::Eof => {
                return Err(ImportError::new(
                    name,
                    ErrorKind::Malformed,
                    Text::fixed(
                        "het bestand heeft helemaal geen XML-element; verwacht een EML_NL-document (is het leeg of afgebroken?)",
                        "the file has no XML element at all; expected an EML_NL document (is it empty or truncated?)",
                    ),
                )
                .at_offset(text, text.len()))
            }
            _ => {}
        }
    }
}

/// The byte offset of the first `<!DOCTYPE` or `<!ENTITY` (in any case).
fn find_declaration(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].windows(2).position(|w| w == b"<!") {
        let at = from + i;
        let rest = &bytes[at + 2..];
        let starts =
            |word: &[u8]| rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word);
        if starts(b"DOCTYPE") || starts(b"ENTITY") {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

fn check_declared_encoding(name: &str, text: &str) -> Result<(), ImportError> {
    let Some(decl) = text.strip_prefix("<?xml") else {
        return Ok(());
    };
    let Some(end) = decl.find("?>") else {
        return Ok(());
    };
    let decl = &decl[..end];
    let Some(at) = decl.find("encoding") else {
        return Ok(());
    };
    let value = decl[at + "encoding".len()..]
        .trim_start()
        .trim_start_matches('=')
        .trim_start();
    let quote = value.chars().next().unwrap_or('"');
    let enc: String = value.chars().skip(1).take_while(|&c| c != quote).collect();
    match enc.to_ascii_uppercase().as_str() {
        "UTF-8" | "UTF8" | "UTF-16" | "UTF-16LE" | "UTF-16BE" => Ok(()),
        _ => Err(ImportError::new(
            name,
            ErrorKind::Encoding,
            text!(
                "de XML-declaratie zegt encoding=\"{enc}\"; verwacht UTF-8 (zoals de Kiesraad publiceert) of UTF-16",
                "the XML declaration says encoding=\"{enc}\"; expected UTF-8 (as the Kiesraad publishes) or UTF-16"
            ),
        )
        .at_offset(text, "<?xml".len() + at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip holding `inner` as `name`.
    fn zip_of(name: &str, inner: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(inner).unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_entry_is_not_given_the_memory_its_header_claims_up_front() {
        let mut bytes = {
            use std::io::Write;
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            w.start_file("a.xml", stored).unwrap();
            w.write_all(b"<EML/>").unwrap();
            w.finish().unwrap().into_inner()
        };
        // Claim an uncompressed size just under the cap, in the local and central headers.
        let claim = 0x7FFF_0000u32.to_le_bytes();
        for (signature, at) in [(&b"PK\x03\x04"[..], 22), (&b"PK\x01\x02"[..], 24)] {
            let start = bytes.windows(4).position(|w| w == signature).unwrap();
            bytes[start + at..start + at + 4].copy_from_slice(&claim);
        }
        let archive = InputFile::from_bytes("a.zip", bytes);
        let entries = unzip(&archive).unwrap();
        assert_eq!(entries[0].bytes, b"<EML/>");
        let capacity = entries[0].bytes.capacity();
        assert!(capacity <= MAX_PREALLOCATED as usize, "{capacity}");
    }

    #[test]
    fn zips_nested_too_deep_are_refused() {
        // Nested as deep as allowed: the file inside is read.
        let mut bytes = zip_of("a.xml", b"<EML/>");
        for level in 2..=MAX_ZIP_NESTING {
            bytes = zip_of(&format!("level{level}.zip"), &bytes);
        }
        let mut inputs = Vec::new();
        let mut errors = Vec::new();
        push_input(
            Ok(InputFile::from_bytes("top.zip", bytes.clone())),
            &mut inputs,
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].bytes, b"<EML/>");

        // One level deeper (as a zip that contains itself would be): refused, not unpacked.
        let deeper = zip_of("top.zip", &bytes);
        let (mut inputs, mut errors) = (Vec::new(), Vec::new());
        push_input(
            Ok(InputFile::from_bytes("outer.zip", deeper)),
            &mut inputs,
            &mut errors,
        );
        assert!(inputs.is_empty());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].kind, ErrorKind::Archive);
        assert!(errors[0].message.en.contains("nested"), "{}", errors[0]);
    }

    #[test]
    fn strips_one_bom_and_refuses_two() {
        assert_eq!(decode("a", b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let e = decode("a", b"\xEF\xBB\xBF\xEF\xBB\xBFabc").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Bom);
    }

    #[test]
    fn reads_utf16_with_and_without_mark() {
        let le: Vec<u8> = "<EML/>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode("a", &le).unwrap(), "<EML/>");
        let mut be = vec![0xFE, 0xFF];
        be.extend("<é>".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode("a", &be).unwrap(), "<é>");
    }

    #[test]
    fn latin1_is_refused_at_its_place() {
        let e = decode("a.csv", b"ab\nc\xE9d").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encoding);
        assert_eq!(
            e.position,
            Some(Position {
                line: 2,
                column: Some(2)
            })
        );
        assert!(e.message.en.contains("0xE9"), "{e}");
    }

    #[test]
    fn dtd_and_entities_are_refused_before_parsing() {
        let e = check_xml(
            "x",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE EML [<!ENTITY a \"b\">]><EML/>",
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Dtd);
        assert_eq!(
            e.position,
            Some(Position {
                line: 2,
                column: Some(1)
            })
        );
    }

    #[test]
    fn root_must_be_eml_in_its_namespace() {
        let ok = format!("<EML xmlns=\"{NS_EML}\" Id=\"510b\"/>");
        assert_eq!(check_xml("x", &ok).unwrap().id, "510b");
        let e = check_xml("x", "<EML xmlns=\"urn:other\" Id=\"510b\"/>").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Namespace);
        assert!(e.message.en.contains("urn:other"), "{e}");
    }

    #[test]
    fn other_declared_encodings_are_refused() {
        let e =
            check_xml("x", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><EML/>").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encoding);
    }
}
