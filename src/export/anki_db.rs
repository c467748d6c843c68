//! The legacy schema-11 Anki collection (`collection.anki2`) that `.apkg` packages carry.
//!
//! Schema 11 is what genanki writes and what every Anki version still imports: five tables
//! (`col`, `notes`, `cards`, `revlog`, `graves`) with the note types, decks and deck options as
//! JSON in the single `col` row. Everything here is a pure function of its input, with times
//! given by the caller, so the file is reproducible.

use rusqlite::{Connection, MAIN_DB, OpenFlags, params};
use serde_json::{Value, json};

const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
";

/// Anki's indexes on cards and the (empty) review log, created once the cards are in (sorting
/// once beats updating per row).
const CARD_INDEXES: &str = "
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
";

/// Anki's indexes on notes, created once the notes are in.
const NOTE_INDEXES: &str = "
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// The note type: two fields (Front, Back) and one card template.
#[derive(Debug)]
pub struct NoteType {
    /// Stable id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Card CSS.
    pub css: String,
}

/// A deck (`Parent::Child` names nest).
#[derive(Debug)]
pub struct Deck {
    /// Stable id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Description (HTML).
    pub description: String,
}

/// A note with its single card.
#[derive(Debug)]
pub struct Note {
    /// Stable note id.
    pub id: i64,
    /// Stable card id.
    pub card_id: i64,
    /// Stable GUID: re-imports match on it.
    pub guid: String,
    /// The deck of the card.
    pub deck_id: i64,
    /// Front and back HTML.
    pub fields: [String; 2],
    /// Tags (no spaces inside a tag).
    pub tags: Vec<String>,
}

/// A note with the columns derived from it, ready to insert.
///
/// Deriving them (the sort field, its checksum, the joined fields and tags) costs more than the
/// insert, so callers build rows on every core and hand them to one [`Writer`].
#[derive(Debug)]
pub struct NoteRow {
    note: Note,
    tags: String,
    flds: String,
    sort_field: String,
    checksum: i64,
}

impl NoteRow {
    /// The rows of `note` (its card goes in separately, see [`Writer::new`]).
    pub fn new(note: Note) -> Self {
        let tags =
            if note.tags.is_empty() { String::new() } else { format!(" {} ", note.tags.join(" ")) };
        let sort_field = strip_html(&note.fields[0]);
        let checksum = checksum(&sort_field);
        let flds = note.fields.join("\u{1f}");
        NoteRow { note, tags, flds, sort_field, checksum }
    }
}

/// A card: (card id, note id, deck id, due), due being its 1-based place in the study order.
pub type Card = [i64; 4];

/// Writes a collection in memory: the `col` row and the cards first, then notes batch by batch,
/// then the notes' indexes, and hands back the database file's bytes.
///
/// Notes should come in ascending id (ids are hashes, so the study order is random): appending
/// to the b-tree fills its pages instead of splitting them, which makes the file smaller and the
/// build faster. Any order gives a valid collection; the same order gives the same bytes. Cards
/// are known before any note is rendered, so they go in (by id) while rendering starts.
pub struct Writer {
    conn: Connection,
    note_type: i64,
    modified: i64,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").field("note_type", &self.note_type).finish_non_exhaustive()
    }
}

impl Writer {
    /// A collection with the note type, the decks, the default options and the cards of the
    /// notes to come.
    pub fn new(
        note_type: &NoteType,
        decks: &[Deck],
        mut cards: Vec<Card>,
        modified: i64,
    ) -> rusqlite::Result<Self> {
        // The `memdb` VFS keeps the database in one buffer, which `serialize` hands back
        // uncopied; a name without a leading `/` keeps it private to this connection (exports
        // may run in parallel).
        let conn = Connection::open_with_flags(
            "file:collection.anki2?vfs=memdb",
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch("BEGIN")?;
        let default_deck = decks.first().map_or(1, |d| d.id);
        conn.execute(
            "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
            params![
                modified - modified % 86_400,
                modified * 1000,
                conf(note_type.id, default_deck).to_string(),
                models(note_type, default_deck, modified).to_string(),
                decks_json(decks, modified).to_string(),
                dconf().to_string(),
            ],
        )?;
        cards.sort_unstable();
        for chunk in cards.chunks(ROWS_PER_INSERT) {
            let mut stmt = conn.prepare_cached(&insert_sql(
                "cards",
                "(?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                chunk.len(),
            ))?;
            let mut at = 0;
            for &[card, note, deck, due] in chunk {
                for value in [card, note, deck, modified, due] {
                    at += 1;
                    stmt.raw_bind_parameter(at, value)?;
                }
            }
            stmt.raw_execute()?;
        }
        conn.execute_batch(CARD_INDEXES)?;
        // The note indexes exist before the notes arrive: keeping them up to date costs the
        // writer thread a little while rendering goes on, instead of a pass after it.
        conn.execute_batch(NOTE_INDEXES)?;
        Ok(Writer { conn, note_type: note_type.id, modified })
    }

    /// Inserts a batch of notes.
    pub fn add(&mut self, rows: &[NoteRow]) -> rusqlite::Result<()> {
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut stmt = self.conn.prepare_cached(&insert_sql(
                "notes",
                "(?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')",
                chunk.len(),
            ))?;
            let mut at = 0;
            let mut bind = |value: &dyn rusqlite::ToSql| {
                at += 1;
                stmt.raw_bind_parameter(at, value)
            };
            for row in chunk {
                let note = &row.note;
                bind(&note.id)?;
                bind(&note.guid)?;
                bind(&self.note_type)?;
                bind(&self.modified)?;
                bind(&row.tags)?;
                bind(&row.flds)?;
                bind(&row.sort_field)?;
                bind(&row.checksum)?;
            }
            stmt.raw_execute()?;
        }
        Ok(())
    }

    /// Commits; the finished collection hands out the database file's bytes.
    pub fn finish(self) -> rusqlite::Result<Collection> {
        let _phase = crate::timings::phase("anki: sqlite finish");
        self.conn.execute_batch("COMMIT")?;
        Ok(Collection { conn: self.conn })
    }
}

/// Rows per `INSERT` statement: `SQLite` runs one statement for many rows instead of one per row.
const ROWS_PER_INSERT: usize = 32;

/// `INSERT INTO {table} VALUES {row}, {row}, …` with `rows` rows.
fn insert_sql(table: &str, row: &str, rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} VALUES ");
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(row);
    }
    sql
}

/// A committed collection, still in memory.
pub struct Collection {
    conn: Connection,
}

impl std::fmt::Debug for Collection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collection").finish_non_exhaustive()
    }
}

impl Collection {
    /// The database file's bytes. With the `memdb` VFS they are the connection's own buffer,
    /// lent rather than copied (the collection is ~1 KB per note, and a copy is fresh memory).
    pub fn bytes(&mut self) -> rusqlite::Result<rusqlite::serialize::Data<'_>> {
        self.conn.serialize(MAIN_DB)
    }
}

/// The 1-based position of the `i`-th note, as Anki's `due` of a new card.
pub fn position(i: usize) -> i64 {
    i64::try_from(i).map_or(i64::MAX, |i| i + 1)
}

/// Anki's note checksum is the first 8 hex digits of the SHA-1 of the sort field; importers
/// recompute it, so a stable SHA-256 prefix serves for duplicate hints here.
fn checksum(text: &str) -> i64 {
    i64::from_str_radix(&super::ids::stable_hex(&[text], 8), 16).unwrap_or(0)
}

/// The text of an HTML fragment, for the sort field: tags become a space, the five entities
/// the escaper writes are decoded, and runs of whitespace are one space, trimmed. A `<` without
/// its `>` hides the rest, as in a browser.
pub fn strip_html(html: &str) -> String {
    const ENTITIES: [(&[u8], &str); 5] =
        [(b"&lt;", "<"), (b"&gt;", ">"), (b"&quot;", "\""), (b"&#39;", "'"), (b"&amp;", "&")];
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut space = false; // a separator is owed before the next text
    let emit = |out: &mut String, space: &mut bool, text: &str| {
        if !text.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push_str(text);
        }
    };
    // Bytes are read one at a time and only the few that matter are looked at closely: ASCII
    // text is copied in runs, and a character is decoded only where a non-ASCII byte starts one
    // (it may be Unicode whitespace). Every index below is at a character boundary.
    let (mut from, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b == b'<' {
            emit(&mut out, &mut space, &html[from..i]);
            space = true;
            i += memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len() - i, |close| close + 1);
            from = i;
        } else if b == b'&' {
            if let Some((name, text)) =
                ENTITIES.iter().find(|(name, _)| bytes[i..].starts_with(name))
            {
                emit(&mut out, &mut space, &html[from..i]);
                emit(&mut out, &mut space, text);
                i += name.len();
                from = i;
            } else {
                i += 1;
            }
        } else if b.is_ascii() {
            if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                emit(&mut out, &mut space, &html[from..i]);
                space = true;
                from = i + 1;
            }
            i += 1;
        } else {
            let c = html[i..].chars().next().unwrap_or_default();
            if c.is_whitespace() {
                emit(&mut out, &mut space, &html[from..i]);
                space = true;
                from = i + c.len_utf8();
            }
            i += c.len_utf8().max(1);
        }
    }
    emit(&mut out, &mut space, &html[from..]);
    out
}

fn conf(model: i64, deck: i64) -> Value {
    json!({
        "activeDecks": [deck], "addToCur": true, "collapseTime": 1200, "curDeck": deck,
        "curModel": model.to_string(), "dueCounts": true, "estTimes": true, "newBury": true,
        "newSpread": 0, "nextPos": 1, "sortBackwards": false, "sortType": "noteFld", "timeLim": 0
    })
}

fn models(nt: &NoteType, deck: i64, modified: i64) -> Value {
    let field = |name: &str, ord: u32| json!({"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": []});
    let model = json!({
        "id": nt.id, "name": nt.name, "type": 0, "mod": modified, "usn": -1, "sortf": 0, "did": deck,
        "tmpls": [{
            "name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}", "bqfmt": "", "bafmt": "", "did": null
        }],
        "flds": [field("Front", 0), field("Back", 1)],
        "css": nt.css,
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}",
        "tags": [], "vers": [], "req": [[0, "any", [0]]]
    });
    json!({ nt.id.to_string(): model })
}

fn deck(id: i64, name: &str, description: &str, modified: i64) -> Value {
    json!({
        "id": id, "name": name, "desc": description, "mod": modified, "usn": -1, "dyn": 0, "conf": 1,
        "collapsed": false, "browserCollapsed": false, "extendNew": 10, "extendRev": 50,
        "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0]
    })
}

fn decks_json(decks: &[Deck], modified: i64) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("1".into(), deck(1, "Default", "", modified));
    for d in decks {
        map.insert(d.id.to_string(), deck(d.id, &d.name, &d.description, modified));
    }
    Value::Object(map)
}

fn dconf() -> Value {
    json!({"1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
        "replayq": true, "dyn": false,
        "new": {"bury": true, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 7], "order": 1, "perDay": 20, "separate": true},
        "lapse": {"delays": [10.0], "leechAction": 0, "leechFails": 8, "minInt": 1, "mult": 0.0},
        "rev": {"bury": true, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1.0, "maxIvl": 36500, "minSpace": 1, "perDay": 200}
    }})
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole collection from notes in study order, the way the exporter feeds the writer.
    fn build(
        note_type: &NoteType,
        decks: &[Deck],
        notes: Vec<Note>,
        modified: i64,
    ) -> rusqlite::Result<Vec<u8>> {
        let cards = notes
            .iter()
            .enumerate()
            .map(|(i, n)| [n.card_id, n.id, n.deck_id, position(i)])
            .collect();
        let mut rows: Vec<NoteRow> = notes.into_iter().map(NoteRow::new).collect();
        rows.sort_unstable_by_key(|r| r.note.id);
        let mut writer = Writer::new(note_type, decks, cards, modified)?;
        writer.add(&rows)?;
        Ok(writer.finish()?.bytes()?.to_vec())
    }

    #[test]
    fn sort_field_is_plain_text() {
        assert_eq!(strip_html("<p>a &lt;b&gt;</p>\n<p>c &amp; d</p>"), "a <b> c & d");
        assert_eq!(strip_html("x > y <i>z</i><br"), "x > y z");
        assert_eq!(strip_html("  plain  text "), "plain text");
        assert_eq!(strip_html("a\u{a0}b &amp;lt; <b>c</b>&#39;d&quot;"), "a b &lt; c 'd\"");
    }

    /// The straightforward version: tags to spaces, entities decoded in turn, whitespace
    /// collapsed. `strip_html` does it in one pass and must agree.
    fn strip_html_reference(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            out.push_str(&rest[..open]);
            match rest[open..].find('>') {
                Some(close) => {
                    out.push(' ');
                    rest = &rest[open + close + 1..];
                }
                None => rest = "",
            }
        }
        out.push_str(rest);
        let out = out
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        #[test]
        fn one_pass_strip_agrees_with_the_reference(
            html in "([a-c <>/&;#39ltgampquo\u{a0}\u{2003}\u{3000}\u{85}\u{b}\u{c}\r\n\t]|&lt;|&amp;|&gt;|&quot;|&#39;|<br>|é){0,40}"
        ) {
            proptest::prop_assert_eq!(strip_html(&html), strip_html_reference(&html));
        }
    }

    #[test]
    fn writes_a_schema_11_collection() {
        let nt = NoteType { id: 7, name: "T".into(), css: String::new() };
        let decks = [Deck { id: 9, name: "D".into(), description: String::new() }];
        let notes = [Note {
            id: 3,
            card_id: 4,
            guid: "g".into(),
            deck_id: 9,
            fields: ["<b>f</b>".into(), "b".into()],
            tags: vec!["x".into()],
        }];
        let bytes = build(&nt, &decks, notes.into(), 1_700_000_000).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.anki2");
        std::fs::write(&path, bytes).unwrap();
        let conn = Connection::open(&path).unwrap();
        let ver: i64 = conn.query_row("SELECT ver FROM col", [], |r| r.get(0)).unwrap();
        assert_eq!(ver, 11);
        let (flds, tags, sfld): (String, String, String) = conn
            .query_row("SELECT flds, tags, sfld FROM notes", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!((flds.as_str(), tags.as_str(), sfld.as_str()), ("<b>f</b>\u{1f}b", " x ", "f"));
        let did: i64 =
            conn.query_row("SELECT did FROM cards WHERE nid = 3", [], |r| r.get(0)).unwrap();
        assert_eq!(did, 9);
    }
}
