//! End-to-end tests of `qbank export` through the binary.

// Test helpers outside `#[test]` functions may unwrap too: a failure is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn qbank() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("qbank")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn all_types() -> PathBuf {
    fixture("banks/all-types.yaml")
}

/// Exports `bank` to `format` into a temp dir and returns the bytes.
fn export(bank: &Path, format: &str, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    qbank()
        .arg("export")
        .arg(bank)
        .args(["--to", format, "-o"])
        .arg(&out)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    std::fs::read(&out).unwrap()
}

fn export_text(bank: &Path, format: &str, extra: &[&str]) -> String {
    String::from_utf8(export(bank, format, extra)).unwrap()
}

#[test]
fn list_names_every_format() {
    let out = qbank().args(["export", "--list"]).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for name in qbank::export::EXPORTERS.iter().map(|e| e.name()) {
        assert!(out.lines().any(|l| l.starts_with(name)), "{name} missing from:\n{out}");
    }
}

#[test]
fn unknown_format_suggests_the_closest() {
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdwn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown export format `markdwn`"))
        .stderr(predicate::str::contains("did you mean `markdown`?"));
}

#[test]
fn invalid_bank_exits_1_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bad.yaml");
    std::fs::write(&bank, "qbank: 1\nid: x\ntitle: X\nquestions:\n  - id: q\n    promt: hi\n")
        .unwrap();
    qbank()
        .arg("export")
        .arg(&bank)
        .args(["--to", "json", "-o"])
        .arg(dir.path().join("x.json"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("bad.yaml:6")
                .and(predicate::str::contains("is not a valid bank; nothing exported")),
        );
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn missing_bank_exits_2() {
    qbank()
        .args(["export", "no/such/bank.yaml", "--to", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read `no/such/bank.yaml`"));
}

#[test]
fn never_overwrites_the_input_bank() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank.json");
    std::fs::copy(all_types(), dir.path().join("src.yaml")).unwrap();
    // A JSON bank exported to JSON next to itself would overwrite itself.
    let json = export(&dir.path().join("src.yaml"), "json", &[]);
    std::fs::write(&bank, &json).unwrap();
    qbank()
        .current_dir(dir.path())
        .args(["export", "bank.json", "--to", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the input bank"));
    assert_eq!(std::fs::read(&bank).unwrap(), json);
}

#[test]
fn default_output_is_bank_stem_in_current_dir() {
    let dir = tempfile::tempdir().unwrap();
    qbank()
        .current_dir(dir.path())
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdown"])
        .assert()
        .success();
    assert!(dir.path().join("all-types.md").is_file());
}

#[test]
fn an_existing_folder_as_output_gets_the_default_name_inside() {
    let dir = tempfile::tempdir().unwrap();
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "anki", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("all-types.apkg").is_file());
    // A path that does not exist yet is a file name, and a missing parent folder is an error.
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "json", "-o"])
        .arg(dir.path().join("no/such/x.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn filters_select_questions() {
    let md =
        export_text(&all_types(), "markdown", &["--topic", "networking", "--difficulty", "easy"]);
    assert!(md.contains("`tcp-handshake`") && md.contains("`udp-ordered`"), "{md}");
    assert!(!md.contains("`http-port`") && !md.contains("`lsm-vs-btree`"), "{md}");
    let md = export_text(&all_types(), "markdown", &["--tag", "durability"]);
    assert!(md.contains("`durable-writes`") && !md.contains("`tcp-handshake`"), "{md}");
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "json", "--topic", "nope", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no question has the topic `nope`"))
        .stderr(predicate::str::contains("help: the bank's topics: `networking`"));
    // A typo names the value it was probably meant to be.
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "json", "--tag", "durabilty", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no question has the tag `durabilty`"))
        .stderr(predicate::str::contains("did you mean `durability`?"));
    // Known values that select nothing together still say so.
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "json", "--topic", "networking", "--tag", "durability", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no question of"));
}

#[test]
fn json_is_the_normalized_bank_and_reloads() {
    let json = export(&all_types(), "json", &[]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank.json");
    std::fs::write(&path, &json).unwrap();
    qbank().arg("validate").arg(&path).assert().success();
}

#[test]
fn text_formats_can_go_to_stdout() {
    let out = qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdown", "-o", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().starts_with("# Every Question Type"));
}

#[test]
fn templates_are_overridable_file_by_file() {
    let md = export_text(
        &all_types(),
        "markdown",
        &["--templates", fixture("templates/override-markdown").to_str().unwrap()],
    );
    insta::assert_snapshot!(md, @r"
    OVERRIDDEN Every Question Type
    - lsm-vs-btree
    - tcp-handshake
    - durable-writes
    - udp-ordered
    - http-port
    ");
}

#[test]
fn one_overridden_file_leaves_the_others_built_in() {
    let dir = fixture("templates/override-html");
    let html = export_text(&all_types(), "html", &["--templates", dir.to_str().unwrap()]);
    assert!(html.contains("body { background: rebeccapurple; }"), "the override is used");
    assert!(!html.contains("--accent"), "the built-in stylesheet is replaced");
    assert!(
        html.contains(r#"<input id="search""#) && html.contains("apply();"),
        "index and app.js stay built in"
    );
}

#[test]
fn anki_card_overrides_reach_the_apkg_and_the_tsv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("anki")).unwrap();
    std::fs::write(dir.path().join("anki/front.html.j2"), "CUSTOM FRONT {{ q.id }}\n").unwrap();
    let templates = dir.path().to_str().unwrap();
    // `anki-tsv` includes `anki/front.html.j2`: the override in `DIR/anki/` wins there too.
    let tsv = export_text(&all_types(), "anki-tsv", &["--templates", templates]);
    assert!(tsv.contains("CUSTOM FRONT tcp-handshake"), "{tsv}");
    let apkg = export(&all_types(), "anki", &["--templates", templates]);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(apkg)).unwrap();
    let mut db = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("collection.anki2").unwrap(), &mut db).unwrap();
    let needle = b"CUSTOM FRONT tcp-handshake";
    assert!(db.windows(needle.len()).any(|w| w == needle), "the override is in the collection");
}

#[test]
fn a_broken_card_template_fails_the_apkg_export() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("back.html.j2"), "ok\n{% for x in %}\n").unwrap();
    let out = dir.path().join("deck.apkg");
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "anki", "--templates"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("back.html.j2` line 2: syntax error"));
    assert!(!out.exists(), "nothing is written when a template fails");
}

#[test]
fn list_shows_the_overridable_files() {
    let out = qbank().args(["export", "--list"]).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("templates: app.css, app.js, index.html.j2"), "{out}");
    assert!(out.contains("templates: back.html.j2, card.css, front.html.j2"), "{out}");
}

#[test]
fn missing_templates_folder_is_a_usage_error() {
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdown", "-o", "-", "--templates", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the templates folder `no/such/dir` does not exist"));
}

#[test]
fn broken_override_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("study.md.j2"), "# {{ bank.title }}\n{{ bank.nonexistent }}\n")
        .unwrap();
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdown", "-o", "-", "--templates"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("study.md.j2` line 2")
                .and(predicate::str::contains("undefined")),
        );
}

#[test]
fn markdown_golden() {
    insta::assert_snapshot!(export_text(&all_types(), "markdown", &[]));
}

#[test]
fn json_golden() {
    insta::assert_snapshot!(export_text(&all_types(), "json", &[]));
}

/// `-o` through a symbolic link writes the file the link names and keeps the link, as `cp` does;
/// replacing the link itself would also have copied its 0777 mode onto the new file.
#[cfg(unix)]
#[test]
fn an_output_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.md");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("target.md", &link).unwrap();
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdown", "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "link replaced");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with('#') && written.len() > 100, "{written}");
}

/// Moodle keeps a category's ID number in 100 characters: a long topic id is hashed down, as
/// question ID numbers are, and stays stable.
#[test]
fn moodle_category_id_numbers_fit_in_100_characters() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("storage-{}", "x".repeat(120));
    let text = std::fs::read_to_string(all_types()).unwrap().replace("storage", &long);
    let bank = dir.path().join("long.yaml");
    std::fs::write(&bank, text).unwrap();
    let xml = String::from_utf8(export(&bank, "moodle-xml", &[])).unwrap();
    let ids: Vec<&str> = xml
        .split("<idnumber>")
        .skip(1)
        .filter_map(|rest| rest.split("</idnumber>").next())
        .collect();
    assert!(ids.iter().any(|id| id.starts_with("qb_all-types_storage-x")), "{ids:?}");
    assert!(ids.iter().all(|id| id.len() <= 100), "{ids:?}");
    assert_eq!(xml, String::from_utf8(export(&bank, "moodle-xml", &[])).unwrap());
}

/// An override whose name is a near miss of a built-in file is never used: say so.
#[test]
fn a_misnamed_override_gets_a_note_with_the_right_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("html")).unwrap();
    std::fs::write(dir.path().join("html/index.htm.j2"), "never used").unwrap();
    std::fs::write(dir.path().join("html/partial.j2"), "a partial an override may include")
        .unwrap();
    let out = dir.path().join("out.html");
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "html", "--templates"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("index.htm.j2` overrides no html file")
                .and(predicate::str::contains("did you mean `index.html.j2`?")),
        )
        .stderr(predicate::str::contains("partial.j2").not());
}

/// A broken override that another template includes is the file to fix: the error names it and
/// its line, then where it was included from.
#[test]
fn an_error_in_an_included_override_names_that_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("anki")).unwrap();
    std::fs::write(dir.path().join("anki/front.html.j2"), "<p>ok</p>\n{{ q.nope }}\n").unwrap();
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "anki-tsv", "--templates"])
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("out.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("anki/front.html.j2` line 2: undefined value"))
        .stderr(predicate::str::contains(
            "included from exporters/anki-tsv/notes.tsv.j2 (built-in) line",
        ));
}

/// `-o /dev/stdout` into a pipe (a FIFO behind `/proc`) is written to; a loop of links is an
/// error, not a file put in the link's place.
#[cfg(target_os = "linux")]
#[test]
fn an_output_to_dev_stdout_or_a_link_loop() {
    let out = qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdown", "-o", "/dev/stdout"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with('#'));
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
    qbank()
        .arg("export")
        .arg(all_types())
        .args(["--to", "markdown", "-o"])
        .arg(dir.path().join("a"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("too many levels of symbolic links"));
    assert!(std::fs::symlink_metadata(dir.path().join("a")).unwrap().file_type().is_symlink());
}
