//! Format-level tests of every exporter: golden files, determinism and hostile content.

// Test helpers outside `#[test]` functions may unwrap too: a failure is a failed test.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn bank(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks").join(name)
}

fn export(bank: &Path, format: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
    cmd.arg("export").arg(bank).args(["--to", format, "-o"]).arg(&out);
    cmd.env("SOURCE_DATE_EPOCH", "1700000000").assert().success();
    std::fs::read(&out).unwrap()
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

const TEXT_FORMATS: [&str; 4] = ["html", "anki-tsv", "markdown", "json"];

/// A readable dump of an `.apkg`: zip entries, media map, decks, note type and notes.
fn dump_apkg(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        writeln!(out, "entry {} ({:?})", f.name().unwrap(), f.compression()).unwrap();
    }
    let mut media = String::new();
    zip.by_name("media").unwrap().read_to_string(&mut media).unwrap();
    writeln!(out, "media {media}").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.anki2");
    let mut collection = Vec::new();
    zip.by_name("collection.anki2").unwrap().read_to_end(&mut collection).unwrap();
    std::fs::write(&db, collection).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (ver, models, decks): (i64, String, String) = conn
        .query_row("SELECT ver, models, decks FROM col", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    writeln!(out, "col ver {ver}").unwrap();
    let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
    for (id, d) in decks.as_object().unwrap() {
        writeln!(out, "deck {id} {}", d["name"]).unwrap();
    }
    let models: serde_json::Value = serde_json::from_str(&models).unwrap();
    for (id, m) in models.as_object().unwrap() {
        let fields: Vec<&str> =
            m["flds"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        writeln!(
            out,
            "note type {id} {} fields {fields:?} qfmt {}",
            m["name"], m["tmpls"][0]["qfmt"]
        )
        .unwrap();
    }
    let mut stmt = conn
        .prepare("SELECT n.guid, n.tags, c.did, n.flds FROM notes n JOIN cards c ON c.nid = n.id ORDER BY c.due")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (guid, tags, did, flds) = row.unwrap();
        writeln!(out, "\nnote guid={guid} deck={did} tags=[{}]", tags.trim()).unwrap();
        for (name, field) in ["front", "back"].iter().zip(flds.split('\u{1f}')) {
            writeln!(out, "--- {name}\n{field}").unwrap();
        }
    }
    out
}

#[test]
fn html_golden() {
    insta::assert_snapshot!(text(export(&bank("all-types.yaml"), "html")));
}

#[test]
fn anki_tsv_golden() {
    insta::assert_snapshot!(text(export(&bank("all-types.yaml"), "anki-tsv")));
}

#[test]
fn apkg_golden() {
    insta::assert_snapshot!(dump_apkg(&export(&bank("all-types.yaml"), "anki")));
}

#[test]
fn exports_are_byte_identical_run_to_run() {
    for name in ["all-types.yaml", "hostile.yaml"] {
        for format in qbank::export::EXPORTERS.iter().map(|e| e.name()) {
            let first = export(&bank(name), format);
            assert_eq!(
                first,
                export(&bank(name), format),
                "{format} of {name} differs between runs"
            );
        }
    }
}

#[test]
fn apkg_is_deterministic_without_source_date_epoch_too() {
    let run = || {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("deck.apkg");
        let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
        cmd.arg("export").arg(bank("all-types.yaml")).args(["--to", "anki", "-o"]).arg(&out);
        cmd.env_remove("SOURCE_DATE_EPOCH").assert().success();
        std::fs::read(out).unwrap()
    };
    assert_eq!(run(), run());
}

#[test]
fn apkg_ids_are_stable_across_edits_of_the_bank() {
    // Editing a question's text must keep its GUID (so Anki updates the note).
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("all-types.yaml");
    let original = std::fs::read_to_string(bank("all-types.yaml")).unwrap();
    std::fs::write(&edited, original.replace("How many segments", "How many TCP segments"))
        .unwrap();
    let guids = |dump: &str| {
        dump.lines().filter(|l| l.starts_with("note ")).map(str::to_owned).collect::<Vec<_>>()
    };
    let a = dump_apkg(&export(&bank("all-types.yaml"), "anki"));
    let b = dump_apkg(&export(&edited, "anki"));
    assert_ne!(a, b);
    assert_eq!(guids(&a), guids(&b));
}

/// Elements from hostile.yaml that must never appear as markup in an HTML-bearing output.
const ELEMENTS: [&str; 4] = ["<script", "<iframe", "<svg", "<style"];

/// Markup problems in an HTML fragment: a dangerous element, or an event handler or script URL
/// inside a tag (the same words as escaped text are fine: they are inert).
fn active_markup(html: &str) -> Vec<String> {
    let mut found: Vec<String> =
        ELEMENTS.iter().filter(|e| html.contains(**e)).map(|e| (*e).to_owned()).collect();
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest)) {
        let lower = tag.to_ascii_lowercase();
        if ["onerror", "onload", "onclick", "javascript:"].iter().any(|a| lower.contains(a)) {
            found.push(format!("<{tag}>"));
        }
    }
    found
}

#[test]
fn hostile_html_is_inert_and_keeps_text_literal() {
    let html = text(export(&bank("hostile.yaml"), "html"));
    let (before, after) = html.split_once("<script>").unwrap();
    let (_, rest) = after.split_once("</script>").unwrap();
    let (_, head_rest) = before.split_once("</style>").unwrap();
    let problems = active_markup(&format!("{head_rest}{rest}"));
    assert!(problems.is_empty(), "active markup survived in the HTML export: {problems:?}");
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script element");
    assert_eq!(html.matches("<style").count(), 1, "only the page's own style element");
    // Template syntax in bank text is printed, never evaluated.
    assert!(
        html.contains("{{ 7 * 7 }}")
            && html.contains("{% if true %}")
            && !html.contains("TEMPLATE-RAN}")
    );
    assert!(
        html.contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;&#x2f;script&gt;"),
        "title is escaped"
    );
    assert!(html.contains("😀") && html.contains("עברית") && html.contains("العربية"));
    assert!(
        !html.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')),
        "control characters leaked"
    );
    // Offline: a remote image becomes a link, a remote pixel loses its source, and the page's
    // Content-Security-Policy forbids fetching anything else.
    assert!(html.contains(
        r#"<a href="https://tracker.example/d.png" rel="noopener noreferrer">diagram</a>"#
    ));
    assert!(!html.contains("tracker.example/pixel.gif") && html.contains(r#"<img alt="pixel">"#));
    assert!(html.contains(r#"content="default-src 'none'; img-src data:;"#));
}

#[test]
fn hostile_markdown_has_no_raw_html_or_script_links() {
    let md = text(export(&bank("hostile.yaml"), "markdown"));
    // Render it as a Markdown viewer that allows raw HTML would, without any sanitizing.
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&md));
    let problems = active_markup(&rendered);
    assert!(problems.is_empty(), "active markup once the Markdown is rendered: {problems:?}");
    // The one image left is the Markdown image the bank wrote; raw `<img>` tags stay text.
    assert_eq!(rendered.matches("<img").count(), 1, "{rendered}");
    assert!(rendered.contains(r#"<img src="https://tracker.example/d.png" alt="diagram""#));
    assert!(!rendered.contains("<b>"), "{rendered}");
    assert!(md.contains("{{ 7 * 7 }}"));
}

#[test]
fn hostile_anki_tsv_keeps_one_row_per_question() {
    let tsv = text(export(&bank("hostile.yaml"), "anki-tsv"));
    // The header lines come first; a `#` later may start a line inside a quoted field.
    let body = tsv.lines().skip_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n");
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b'\t').has_headers(false).from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert_eq!(row.len(), 5, "{row:?}");
        // Deck names and tags are plain text to Anki; the HTML fields must be inert.
        let problems = active_markup(&format!("{}{}", &row[2], &row[3]));
        assert!(problems.is_empty(), "{problems:?} in {row:?}");
    }
    assert!(!tsv.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')));
}

#[test]
fn hostile_apkg_fields_are_sanitized() {
    let dump = dump_apkg(&export(&bank("hostile.yaml"), "anki"));
    let (_, notes) = dump.split_once("\nnote guid=").unwrap();
    let problems = active_markup(notes);
    assert!(problems.is_empty(), "active markup in the .apkg notes: {problems:?}");
    assert_eq!(dump.matches("\nnote guid=").count(), 5);
    assert!(!dump.contains('\u{1}') && !dump.contains('\u{1b}'));
    // `::` inside a topic title must not create an extra deck level.
    assert!(dump.contains(r#""<script>alert('title')</script> Hostile {{ bank }} & \"quotes\"::Markup <b>bold</b> : nested & \"quoted\"""#), "{dump}");
}

#[test]
fn hostile_json_round_trips() {
    let json = export(&bank("hostile.yaml"), "json");
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["questions"][2]["prompt"].as_str().unwrap().matches('\u{1b}').count(), 1);
}

#[test]
fn every_text_format_is_utf8() {
    for format in TEXT_FORMATS {
        let bytes = export(&bank("hostile.yaml"), format);
        assert!(String::from_utf8(bytes).is_ok(), "{format}");
    }
}

/// The all-types bank in a temporary folder with `img/ring.png` beside it, its LSM question's
/// prompt starting with `lead` (YAML block text, so Markdown and HTML pass as written).
fn bank_with_prompt(lead: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::write(dir.path().join("img/ring.png"), b"\x89PNG fake").unwrap();
    let original = std::fs::read_to_string(bank("all-types.yaml")).unwrap();
    let text = original.replace(
        "prompt: Compare LSM trees",
        &format!("prompt: |-\n      {lead}\n      Compare LSM trees"),
    );
    let path = dir.path().join("bank.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn lms_formats_say_which_questions_lost_an_image() {
    let (dir, path) = bank_with_prompt("![ring](img/ring.png)");
    for format in ["moodle-xml", "gift", "qti12", "qti21", "qti30"] {
        let out = dir.path().join(format!("out-{format}"));
        let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
        let run =
            cmd.arg("export").arg(&path).args(["--to", format, "-o"]).arg(&out).output().unwrap();
        assert_eq!(run.status.code(), Some(0));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            stderr.contains(&format!(
                "note: {format} has no place for images; they show as their alt text in 1 question: `lsm-vs-btree`"
            )),
            "{stderr}"
        );
    }
    // Formats that carry images say nothing of the kind.
    let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
    let run = cmd
        .arg("export")
        .arg(&path)
        .args(["--to", "html", "-o"])
        .arg(dir.path().join("x.html"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&run.stderr).contains("no place for images"));
}

#[test]
fn html_inlines_local_images_and_apkg_packages_them() {
    let (_dir, path) = bank_with_prompt("![ring](img/ring.png)");
    let html = text(export(&path, "html"));
    assert!(html.contains(r#"src="data:image/png;base64,iVBORyBmYWtl""#), "image not inlined");
    let dump = dump_apkg(&export(&path, "anki"));
    assert!(dump.contains(r#"media {"0":"img-ring.png"}"#), "{dump}");
    assert!(dump.contains("entry 0 (Stored)") && dump.contains(r#"src="img-ring.png""#), "{dump}");
}

/// An `<img>` written as raw HTML in bank text is a reference too: the card points at the flat
/// media name, so the package must carry the file under that name.
#[test]
fn apkg_packages_images_written_as_raw_html() {
    let (_dir, path) = bank_with_prompt("<img src=\"img/ring.png?v=2\" width=\"40\">");
    let dump = dump_apkg(&export(&path, "anki"));
    assert!(dump.contains(r#"media {"0":"img-ring.png"}"#), "{dump}");
    assert!(dump.contains(r#"src="img-ring.png""#), "{dump}");
    let html = text(export(&path, "html"));
    assert!(html.contains(r#"src="data:image/png;base64,iVBORyBmYWtl""#), "image not inlined");
}

#[test]
fn missing_image_fails_the_apkg_export_naming_question_and_path() {
    // Markdown and raw HTML images alike: the card would show a broken image.
    for image in ["![x](gone.png)", "<img src=\"gone.png\">"] {
        let (dir, path) = bank_with_prompt(image);
        let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
        cmd.arg("export").arg(&path).args(["--to", "anki", "-o"]).arg(dir.path().join("x.apkg"));
        // The bank's problem: exit 1, at the image in the prompt.
        cmd.assert().code(1).stderr(
            predicates::str::contains("question `lsm-vs-btree` shows image `gone.png`")
                .and(predicates::str::contains("it does not exist"))
                .and(predicates::str::contains("bank.yaml:")),
        );
        assert!(!dir.path().join("x.apkg").exists());
    }
}

/// A bank in `dir/bank/` whose prompt starts with `lead`, beside a `secret.png` in `dir/`.
fn nested_bank_with_prompt(lead: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.png"), b"\x89PNG secret").unwrap();
    let folder = dir.path().join("bank");
    std::fs::create_dir_all(folder.join("sub dir")).unwrap();
    for name in ["notes.txt", "with space.png", "ünï.png", "sub dir/a.png"] {
        std::fs::write(folder.join(name), b"\x89PNG fake").unwrap();
    }
    let original = std::fs::read_to_string(bank("all-types.yaml")).unwrap();
    let text = original.replace(
        "prompt: Compare LSM trees",
        &format!("prompt: |-\n      {lead}\n      Compare LSM trees"),
    );
    let path = folder.join("bank.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Shared exports must not carry files from elsewhere on the machine: an image path that leaves
/// the bank's folder, or names something other than an image, fails `anki` and `html` alike, as
/// the bank's problem.
#[test]
fn images_outside_the_bank_folder_or_not_images_are_refused() {
    for (image, why) in [
        ("![x](../secret.png)", "outside the bank's folder"),
        ("<img src=\"../secret.png\">", "outside the bank's folder"),
        ("![x](notes.txt)", "not an image file"),
    ] {
        let (dir, path) = nested_bank_with_prompt(image);
        for format in ["anki", "html"] {
            let out = dir.path().join(format!("x.{format}"));
            let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
            cmd.arg("export").arg(&path).args(["--to", format, "-o"]).arg(&out);
            // The bank's problem (exit 1), located at the image path in the prompt.
            cmd.assert().code(1).stderr(
                predicates::str::contains("cannot be packaged")
                    .and(predicates::str::contains(why))
                    .and(predicates::str::contains("error[broken-image]"))
                    .and(predicates::str::is_match(r"bank\.yaml:\d+:\d+\n").unwrap()),
            );
            assert!(!out.exists(), "{format} written for {image}");
        }
    }
}

/// Anki finds media by the name in the card's `src`, unencoded: file names with spaces or
/// non-ASCII letters, and percent-encoded URLs, reach the card and the package under one name.
#[test]
fn image_names_with_spaces_and_unicode_match_their_media() {
    let (_dir, path) =
        nested_bank_with_prompt("![s](<with space.png>) ![u](ünï.png) ![d](sub%20dir/a.png)");
    let dump = dump_apkg(&export(&path, "anki"));
    assert!(
        dump.contains(r#"media {"0":"sub dir-a.png","1":"with space.png","2":"ünï.png"}"#),
        "{dump}"
    );
    for name in ["with space.png", "ünï.png", "sub dir-a.png"] {
        assert!(dump.contains(&format!("src=\"{name}\"")), "no card refers to {name}: {dump}");
    }
    let html = text(export(&path, "html"));
    assert_eq!(html.matches(r#"src="data:image/png;base64,iVBORyBmYWtl""#).count(), 3);
}

/// A numerical question has no place for words: the LMS exports say which accepted words of a
/// numeric `short` question they leave out (`http-port` accepts the text "443" besides the number).
#[test]
fn lms_formats_say_which_accepted_words_a_numeric_question_loses() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["moodle-xml", "gift", "qti12", "qti21", "qti30"] {
        let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
        cmd.arg("export")
            .arg(bank("all-types.yaml"))
            .args(["--to", format, "-o"])
            .arg(dir.path().join(format));
        cmd.assert()
            .success()
            .stderr(predicates::str::contains("the `accept` words of `http-port` are left out"));
    }
    let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
    cmd.arg("export")
        .arg(bank("all-types.yaml"))
        .args(["--to", "html", "-o"])
        .arg(dir.path().join("x.html"));
    cmd.assert().success().stderr(predicates::str::contains("accept").not());
}

/// A bank named without a folder (`bank.yaml`, run from its folder) has its images beside it.
#[test]
fn images_of_a_bank_named_without_a_folder_are_found() {
    let (dir, _path) = bank_with_prompt("![ring](img/ring.png)");
    let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
    cmd.current_dir(dir.path()).args(["export", "bank.yaml", "--to", "html", "-o", "out.html"]);
    cmd.assert().success();
    let html = std::fs::read_to_string(dir.path().join("out.html")).unwrap();
    assert!(html.contains(r#"src="data:image/png;base64,iVBORyBmYWtl""#), "image not inlined");
}

/// An absolute image path would leak the author's file system into a shared deck.
#[test]
fn absolute_image_paths_are_refused() {
    let (dir, path) = bank_with_prompt("![ring](/etc/hostname.png)");
    let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
    cmd.arg("export").arg(&path).args(["--to", "anki", "-o"]).arg(dir.path().join("x.apkg"));
    cmd.assert().code(1).stderr(predicates::str::contains("it is an absolute path"));
}

/// `img/ring.png` and `img-ring.png` both flatten to the media name `img-ring.png`: packaging
/// one would show it in the other's card, so the export stops and names both.
#[test]
fn two_images_with_one_media_name_are_refused() {
    let (dir, path) = bank_with_prompt("![a](img/ring.png) ![b](img-ring.png)");
    std::fs::write(dir.path().join("img-ring.png"), b"\x89PNG other").unwrap();
    let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("qbank");
    cmd.arg("export").arg(&path).args(["--to", "anki", "-o"]).arg(dir.path().join("x.apkg"));
    cmd.assert().code(2).stderr(predicates::str::contains(
        "it and `img/ring.png` both become the media file `img-ring.png`",
    ));
}
