//! The trade fields of a legacy WAP notification: the children of `<notify>` in its
//! `notify_data`, read strictly. Only text that the signature already covers reaches here, but
//! the reader is still safe on any text: a DTD is refused (so no entity is ever defined, and
//! only the five XML entities and character references are read), the number of nodes is
//! capped, the size is the verifier's `max_size`, and a field that holds elements is refused, so
//! nesting never grows the result. roxmltree builds its tree without recursion.

use crate::canonical::is_parameter_name;
use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};

/// The most nodes (elements, text runs, comments) `notify_data` may hold: a real one has some
/// 50.
const NODES_LIMIT: u32 = 4096;

fn malformed(message: String) -> Error {
    Error::new(ErrorKind::MalformedInput, message)
}

/// The fields of `notify_data` as `(name, text)`, in document order. Not XML, a DTD, another
/// root than `<notify>`, a field holding elements or a name Alipay does not write:
/// `MALFORMED_INPUT`; a field twice: `DUPLICATE_PARAMETER`.
pub(crate) fn trade_fields(xml: &str) -> Result<Vec<(String, String)>> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        entity_resolver: None,
    };
    let document =
        roxmltree::Document::parse_with_options(xml, options).map_err(|e| parse_error(&e))?;
    let root = document.root_element();
    if root.tag_name().name() != "notify" || root.tag_name().namespace().is_some() {
        return Err(malformed(format!(
            "notify_data: the root element is <{}>, not <notify>",
            printable_prefix(root.tag_name().name().as_bytes(), 40)
        )));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    for child in root.children() {
        if child.is_text() {
            if !child.text().unwrap_or_default().trim().is_empty() {
                return Err(malformed(
                    "notify_data: <notify> holds text outside its fields".to_string(),
                ));
            }
            continue;
        }
        if !child.is_element() {
            continue; // comments and processing instructions carry no field
        }
        let name = child.tag_name().name();
        if !is_parameter_name(name.as_bytes()) || child.tag_name().namespace().is_some() {
            return Err(malformed(format!(
                "notify_data: <{}> is not a field name as Alipay writes them (ASCII letters, digits, _)",
                printable_prefix(name.as_bytes(), 40)
            )));
        }
        if child.children().any(|c| c.is_element()) {
            return Err(malformed(format!(
                "notify_data: <{name}> holds elements; a field holds text only"
            )));
        }
        if fields.iter().any(|(n, _)| n == name) {
            return Err(Error::new(
                ErrorKind::DuplicateParameter,
                format!("notify_data holds the field {name} more than once"),
            ));
        }
        let text: String = child.children().filter_map(|c| c.text()).collect();
        fields.push((name.to_string(), text));
    }
    Ok(fields)
}

/// A parse error in our words: roxmltree's would quote names from the document.
fn parse_error(error: &roxmltree::Error) -> Error {
    use roxmltree::Error as E;
    let pos = error.pos();
    let what = match error {
        E::DtdDetected => {
            "holds a DTD (<!DOCTYPE>), which is refused so that no entity is ever defined or expanded"
        }
        E::NodesLimitReached => "has more nodes than a notification ever holds",
        E::UnknownEntityReference(..) | E::EntityReferenceLoop(..) => {
            "uses an entity other than the five predefined XML entities"
        }
        _ => "is not well-formed XML",
    };
    malformed(format!(
        "notify_data {what} (line {}, column {})",
        pos.row, pos.col
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(xml: &str) -> ErrorKind {
        trade_fields(xml).unwrap_err().kind()
    }

    #[test]
    fn reads_the_fields_in_document_order() {
        let fields = trade_fields(
            "<notify><subject>A&amp;B &#x4E2D;</subject><total_fee>1.00</total_fee>\
             <!-- x --><body><![CDATA[<raw>]]></body><empty/></notify>",
        )
        .unwrap();
        assert_eq!(
            fields,
            [
                ("subject".to_string(), "A&B 中".to_string()),
                ("total_fee".to_string(), "1.00".to_string()),
                ("body".to_string(), "<raw>".to_string()),
                ("empty".to_string(), String::new()),
            ]
        );
        let declared = trade_fields(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<notify>\n <a>1</a>\n</notify>",
        )
        .unwrap();
        assert_eq!(declared, [("a".to_string(), "1".to_string())]);
    }

    #[test]
    fn hostile_documents_are_malformed_input() {
        let laughs = "<!DOCTYPE notify [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><notify><x>&b;</x></notify>";
        let external = "<!DOCTYPE notify [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><notify><x>&e;</x></notify>";
        for xml in [
            laughs,
            external,
            "<notify><x>&undefined;</x></notify>",
            "<notify><x>1</x>",
            "",
            "not xml",
            "<other><x>1</x></other>",
            "<notify><x><y>1</y></x></notify>",
            "<notify>loose<x>1</x></notify>",
            "<notify><a.b>1</a.b></notify>",
            "<notify xmlns:p=\"u\"><p:x>1</p:x></notify>",
        ] {
            assert_eq!(kind(xml), ErrorKind::MalformedInput, "{xml}");
        }
        assert_eq!(
            kind("<notify><x>1</x><x>2</x></notify>"),
            ErrorKind::DuplicateParameter
        );
        let message = trade_fields(laughs).unwrap_err().message().to_string();
        assert!(message.contains("DTD"), "{message}");
        let message = trade_fields("<notify><x>&evil\u{1b}name;</x></notify>")
            .unwrap_err()
            .message()
            .to_string();
        assert!(
            !message.contains('\u{1b}') && !message.contains("evil"),
            "{message}"
        );
    }

    #[test]
    fn huge_and_deep_documents_fail_without_a_panic() {
        let many = format!("<notify>{}</notify>", "<a/>".repeat(5000));
        assert_eq!(kind(&many), ErrorKind::MalformedInput);
        let deep = format!(
            "<notify>{}{}</notify>",
            "<a>".repeat(200_000),
            "</a>".repeat(200_000)
        );
        assert_eq!(kind(&deep), ErrorKind::MalformedInput);
        let unclosed = format!("<notify>{}", "<a>".repeat(200_000));
        assert_eq!(kind(&unclosed), ErrorKind::MalformedInput);
    }
}
