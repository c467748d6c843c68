//! The LMS exports (`moodle-xml`, `gift`, `qti12`, `qti21`, `qti30`) through the binary: golden
//! snapshots of the every-type fixture, hostile bank text that must stay inert and well-formed,
//! and byte-identical re-exports. `tests/conformance-lms.sh` runs the real validators on top.

// Test helpers outside `#[test]` functions may unwrap too: a failure is a failed test.
#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use predicates::prelude::*;

const FORMATS: [&str; 5] = ["moodle-xml", "gift", "qti12", "qti21", "qti30"];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks").join(name)
}

/// Exports `bank` to `format` in a temp dir and returns the bytes.
fn export(bank: &Path, format: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_cmd::cargo::cargo_bin_cmd!("qbank")
        .arg("export")
        .arg(bank)
        .args(["--to", format, "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("({format})")));
    std::fs::read(&out).unwrap()
}

/// The files of an export: the file itself, or every zip entry in archive order.
fn files(format: &str, bytes: Vec<u8>) -> Vec<(String, String)> {
    if !format.starts_with("qti") {
        return vec![(format.to_owned(), String::from_utf8(bytes).unwrap())];
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            assert_eq!(entry.last_modified(), Some(zip::DateTime::default()), "fixed timestamp");
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().unwrap().to_string(), text)
        })
        .collect()
}

fn joined(files: &[(String, String)]) -> String {
    let mut out = String::new();
    for (name, text) in files {
        out.push_str("===== ");
        out.push_str(name);
        out.push_str(" =====\n");
        out.push_str(text);
    }
    out
}

#[test]
fn golden_exports_of_every_question_type() {
    for format in FORMATS {
        let files = files(format, export(&fixture("all-types.yaml"), format));
        insta::assert_snapshot!(format!("all_types_{format}"), joined(&files));
    }
}

#[test]
fn exports_are_byte_identical() {
    for format in FORMATS {
        let bank = fixture("all-types.yaml");
        assert!(export(&bank, format) == export(&bank, format), "{format} differs between runs");
    }
}

#[test]
fn qti_packages_list_every_item_in_a_fixed_order() {
    let names: Vec<String> = files("qti21", export(&fixture("all-types.yaml"), "qti21"))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        names,
        [
            "imsmanifest.xml",
            "test.xml",
            "items/lsm-vs-btree.xml",
            "items/durable-writes.xml",
            "items/tcp-handshake.xml",
            "items/udp-ordered.xml",
            "items/http-port.xml",
        ]
    );
    let names: Vec<String> = files("qti12", export(&fixture("all-types.yaml"), "qti12"))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        names,
        ["imsmanifest.xml", "qb_all-types/qb_all-types.xml", "qb_all-types/assessment_meta.xml"]
    );
}

#[test]
fn hostile_text_stays_inert_and_well_formed_in_every_format() {
    let bank = fixture("lms-hostile.yaml");
    for format in FORMATS {
        for (name, text) in files(format, export(&bank, format)) {
            let what = format!("{format}: {name}");
            assert!(
                !text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
                "{what}: control character survived"
            );
            assert!(!text.contains('\u{fffe}'), "{what}: U+FFFE survived");
            if format == "gift" {
                check_gift(&text, 6);
                continue;
            }
            check_xml(&text).unwrap_or_else(|e| panic!("{what}: not well-formed: {e}"));
            // Bank markup never becomes an element: <script>, <img onerror> and <b> stay text.
            for tag in ["<script", "<img", "<b>", "<i>", "<div onerror", "javascript:"] {
                assert!(!text.contains(tag), "{what}: `{tag}` became markup");
            }
        }
    }
}

#[test]
fn bank_text_is_never_evaluated_as_a_template() {
    let moodle = String::from_utf8(export(&fixture("lms-hostile.yaml"), "moodle-xml")).unwrap();
    assert!(moodle.contains("{{ config }}") && moodle.contains("{% if x %}"), "{moodle}");
    let gift = String::from_utf8(export(&fixture("lms-hostile.yaml"), "gift")).unwrap();
    assert!(gift.contains(r"&\#123;&\#123; config &\#125;&\#125;"), "{gift}");
}

#[test]
fn emoji_and_right_to_left_text_survive() {
    for format in FORMATS {
        let all: String = files(format, export(&fixture("lms-hostile.yaml"), format))
            .into_iter()
            .map(|f| f.1)
            .collect();
        assert!(all.contains("🦀🚀"), "{format}: emoji lost");
        assert!(all.contains("مرحبا بالعالم") && all.contains("שלום"), "{format}: RTL lost");
        assert!(all.contains(&"x".repeat(5000)), "{format}: long line cut");
    }
}

#[test]
fn multiple_answer_grades_come_from_moodles_grade_list() {
    let moodle = String::from_utf8(export(&fixture("lms-hostile.yaml"), "moodle-xml")).unwrap();
    // Three right options share 100%, the one wrong option takes -100%.
    assert_eq!(moodle.matches("fraction=\"33.33333\"").count(), 3, "{moodle}");
    assert!(moodle.contains("fraction=\"-100\""));
    let gift = String::from_utf8(export(&fixture("lms-hostile.yaml"), "gift")).unwrap();
    assert_eq!(gift.matches("~%33.33333%").count(), 3, "{gift}");
}

#[test]
fn too_many_correct_options_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("many.yaml");
    let options: String = (0..21)
        .map(|i| format!("      - {{text: o{i}, correct: true}}"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        &bank,
        format!(
            "qbank: 1\nid: many\ntitle: Many\nquestions:\n  - id: q\n    topic: t\n    type: multiple\n    difficulty: easy\n    prompt: Pick\n    options:\n{options}"
        ),
    )
    .unwrap();
    assert_cmd::cargo::cargo_bin_cmd!("qbank")
        .arg("export")
        .arg(&bank)
        .args(["--to", "moodle-xml", "-o"])
        .arg(dir.path().join("out.xml"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("question `q` has 21 correct options"));
    assert!(!dir.path().join("out.xml").exists());
}

/// A small XML well-formedness check: balanced, properly nested tags, quoted attributes, known
/// entities, nothing but whitespace outside the root. Enough to catch escaping mistakes; the
/// conformance script runs libxml2 against the real schemas.
fn check_xml(text: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest =
        text.strip_prefix("<?xml").and_then(|r| r.split_once("?>")).map_or(text, |p| p.1);
    let mut roots = 0;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            check_chars(rest)?;
            if !stack.is_empty() || !rest.trim().is_empty() {
                return Err(format!("text after the root or unclosed <{}>", stack.join("><")));
            }
            break;
        };
        check_chars(&rest[..lt])?;
        if stack.is_empty() && !rest[..lt].trim().is_empty() {
            return Err("text outside the root element".into());
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("unclosed comment")?;
            if after[..end].contains("--") {
                return Err("`--` inside a comment".into());
            }
            rest = &after[end + 3..];
            continue;
        }
        let gt = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                other => return Err(format!("</{name}> closes <{}>", other.unwrap_or("nothing"))),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name = body.split_whitespace().next().ok_or("empty tag")?;
        check_attributes(&body[name.len()..])?;
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    if roots == 1 && stack.is_empty() {
        Ok(())
    } else {
        Err(format!("{roots} roots, open {stack:?}"))
    }
}

fn check_attributes(mut attrs: &str) -> Result<(), String> {
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return Ok(());
        }
        let eq = attrs.find('=').ok_or_else(|| format!("attribute without value: {attrs}"))?;
        let value = attrs[eq + 1..].strip_prefix('"').ok_or("unquoted attribute")?;
        let end = value.find('"').ok_or("unterminated attribute")?;
        if value[..end].contains('<') {
            return Err("`<` in an attribute value".into());
        }
        check_chars(&value[..end])?;
        attrs = &value[end + 1..];
    }
}

/// Character data: every `&` starts a known entity or a character reference; no `]]>`.
fn check_chars(text: &str) -> Result<(), String> {
    if text.contains("]]>") {
        return Err("`]]>` in character data".into());
    }
    for (i, _) in text.match_indices('&') {
        let entity = text[i + 1..].split(';').next().unwrap_or("");
        let known = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity.strip_prefix("#x").is_some_and(|h| u32::from_str_radix(h, 16).is_ok())
            || entity.strip_prefix('#').is_some_and(|d| d.parse::<u32>().is_ok());
        if !known {
            return Err(format!("bad entity near `{}`", &text[i..text.len().min(i + 12)]));
        }
    }
    Ok(())
}

/// Every GIFT question is one blank-line-separated block with exactly one unescaped `{` and `}`
/// (the answer block), and no unescaped `~ = #` before it.
fn check_gift(text: &str, expected: usize) {
    let mut questions = 0;
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if block.starts_with("//") || block.starts_with("$CATEGORY:") {
            assert!(!block.contains('\n'), "category or comment spans lines: {block}");
            continue;
        }
        questions += 1;
        let unescaped: String = {
            let mut out = String::new();
            let mut chars = block.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    chars.next();
                    out.push('_');
                } else {
                    out.push(c);
                }
            }
            out
        };
        assert_eq!(unescaped.matches('{').count(), 1, "{block}");
        assert_eq!(unescaped.matches('}').count(), 1, "{block}");
        let stem = &unescaped[..unescaped.find('{').unwrap_or(0)];
        let title_end = stem.get(2..).and_then(|s| s.find("::")).map_or(0, |i| i + 4);
        assert!(!stem[title_end..].contains(['~', '=', '#', ':']), "unescaped special in {stem}");
    }
    assert_eq!(questions, expected);
}

#[test]
fn a_package_part_can_be_overridden_from_a_templates_dir() {
    let dir = tempfile::tempdir().unwrap();
    let item = qbank::export::templates::embedded("qti21", "item.xml.j2").unwrap();
    let custom = item.replace("<itemBody>", "<itemBody>\n    <p>Custom intro</p>");
    std::fs::create_dir_all(dir.path().join("qti21")).unwrap();
    std::fs::write(dir.path().join("qti21/item.xml.j2"), custom).unwrap();
    let out = dir.path().join("out.zip");
    assert_cmd::cargo::cargo_bin_cmd!("qbank")
        .arg("export")
        .arg(fixture("all-types.yaml"))
        .args(["--to", "qti21", "--templates"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let files = files("qti21", std::fs::read(&out).unwrap());
    let items: Vec<_> = files.iter().filter(|(name, _)| name.starts_with("items/")).collect();
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|(_, text)| text.contains("<p>Custom intro</p>")));
    // The manifest and the test still come from the built-in templates.
    assert!(!files[0].1.contains("Custom intro"));
}

#[test]
fn topic_filter_keeps_one_category() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xml");
    assert_cmd::cargo::cargo_bin_cmd!("qbank")
        .arg("export")
        .arg(fixture("all-types.yaml"))
        .args(["--to", "moodle-xml", "--topic", "networking", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 3 questions"));
    let xml = std::fs::read_to_string(&out).unwrap();
    assert_eq!(xml.matches("<question type=\"category\">").count(), 1);
    assert!(xml.contains("Networking") && !xml.contains("Storage engines"));
}

#[test]
fn gift_refuses_a_short_answer_it_would_misread_as_matching() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("arrow.yaml");
    std::fs::write(
        &bank,
        "qbank: 1\nid: arrow\ntitle: Arrow\nquestions:\n  - id: q\n    topic: t\n    type: short\n    difficulty: easy\n    prompt: Which arrow?\n    accept: [\"a->b\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out.txt");
    assert_cmd::cargo::cargo_bin_cmd!("qbank")
        .arg("export")
        .arg(&bank)
        .args(["--to", "gift", "-o"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("question `q` accepts `a->b`"));
    assert!(!out.exists());
    // Moodle XML has no such limit.
    export(&bank, "moodle-xml");
}

#[test]
fn sparse_questions_still_export_valid_files() {
    // A blank prompt, an essay without rubric or answer, a true-false without explanation.
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bare.yaml");
    std::fs::write(
        &bank,
        "qbank: 1\nid: bare\ntitle: Bare\nquestions:\n  - id: q\n    topic: t\n    difficulty: easy\n    prompt: \"   \"\n  - id: r\n    topic: t\n    type: true-false\n    difficulty: easy\n    prompt: True?\n    correct: true\n",
    )
    .unwrap();
    for format in FORMATS {
        for (name, text) in files(format, export(&bank, format)) {
            if format == "gift" {
                check_gift(&text, 2);
                assert!(text.contains("::q::[html]<p>q</p>{"), "{text}");
            } else {
                check_xml(&text).unwrap_or_else(|e| panic!("{format}: {name}: {e}"));
                assert!(!text.contains("<rubricBlock view=\"scorer\">\n    </rubricBlock>"));
            }
        }
    }
}
