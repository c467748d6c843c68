//! File names for candidate pages: a candidate's name is whatever a form let them type, so it
//! is folded to a short ASCII slug that no file system reads as a path, a hidden file or a
//! device, and made unique among the cohort (two names may fold to the same slug).

use std::collections::HashSet;

/// Longest slug kept from a name, before a `-2` suffix.
const MAX_SLUG: usize = 60;

/// Names Windows reserves for devices, whatever the extension (`CON.html` opens the console).
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Folds a name to lower-case ASCII letters, digits and single dashes: `Zoë O'Brien` →
/// `zoe-o-brien`, `../x` → `x`; `candidate` when nothing is left (a name of emoji only).
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len().min(MAX_SLUG));
    for c in ascii.chars() {
        if out.len() >= MAX_SLUG {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "candidate".to_owned()
    } else if RESERVED.contains(&trimmed) {
        format!("{trimmed}-")
    } else {
        trimmed.to_owned()
    }
}

/// Gives each name a distinct file name (`slug.html`, then `slug-2.html`, …), in the order
/// given, so the same cohort always gets the same names.
pub fn assign<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let base = slug(name);
            let mut file = format!("{base}.html");
            let mut n = 2;
            while !taken.insert(file.clone()) {
                file = format!("{base}-{n}.html");
                n += 1;
            }
            file
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{assign, slug};

    #[test]
    fn hostile_names_become_plain_file_names() {
        assert_eq!(slug("../x"), "x");
        assert_eq!(slug("a/b"), "a-b");
        assert_eq!(slug("..\\..\\windows"), "windows");
        assert_eq!(slug(".hidden"), "hidden");
        assert_eq!(slug("CON"), "con-");
        assert_eq!(slug("lpt1"), "lpt1-");
        assert_eq!(slug("🦀🦀"), "crab-crab");
        assert_eq!(slug("\u{e000}"), "candidate");
        assert_eq!(slug("..."), "candidate");
        assert_eq!(slug("Zoë O'Brien"), "zoe-o-brien");
        assert_eq!(slug("ann@example.com"), "ann-example-com");
        assert_eq!(slug(&"x".repeat(500)).len(), 60);
    }

    #[test]
    fn names_that_fold_together_stay_apart() {
        assert_eq!(
            assign(["Ann", "ann", "ANN", "🦀", "crab", "\u{e000}", "..", "CON", "con"]),
            [
                "ann.html",
                "ann-2.html",
                "ann-3.html",
                "crab.html",
                "crab-2.html",
                "candidate.html",
                "candidate-2.html",
                "con-.html",
                "con--2.html"
            ]
        );
        // A later name whose slug looks like a suffixed one does not collide either.
        assert_eq!(assign(["b", "b", "b-2"]), ["b.html", "b-2.html", "b-2-2.html"]);
    }
}
