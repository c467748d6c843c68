//! `anki`: a real `.apkg` package (a schema-11 `SQLite` collection in a zip) for Anki's importer.
//!
//! One note per question on a qbank note type with Front/Back fields rendered from
//! `exporters/anki/front.html.j2` and `back.html.j2` (styled by `card.css`), one subdeck per topic
//! under the bank's deck, and tags from topic, tags and difficulty. Note GUIDs, note-type and deck
//! ids are derived from the bank and question ids ([`super::ids`]), so importing a re-export updates
//! the notes instead of duplicating them. Local images the Markdown refers to are packaged as media.

use minijinja::context;
use minijinja::value::Serde;
use rayon::prelude::*;

use super::anki_db::{self, Deck, Note, NoteRow, NoteType};
use super::markup::{self, Images};
use super::package::{Compression, Package};
use super::view::QuestionView;
use super::{ExportContext, ExportError, Exporter, ids};

/// Notes rendered per batch while the database writer inserts the previous one.
const BATCH: usize = 256;

/// A question with the ids and the study position of its note and card.
struct Keyed<'v, 'a> {
    note: i64,
    card: i64,
    due: i64,
    deck: i64,
    q: &'v QuestionView<'a>,
}

/// The `.apkg` exporter.
#[derive(Debug)]
pub struct Anki;

impl Exporter for Anki {
    fn name(&self) -> &'static str {
        "anki"
    }

    fn description(&self) -> &'static str {
        "an Anki package: a note per question, a subdeck per topic, stable ids for re-import"
    }

    fn extension(&self) -> &'static str {
        "apkg"
    }

    fn binary(&self) -> bool {
        true
    }

    fn images(&self) -> Images {
        Images::Flatten
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        let bank = ctx.view();
        let meta = bank.meta();
        let fail = |message: String| ExportError::Package { format: "anki", message };
        let note_type = NoteType {
            id: ids::anki_id(&["qbank-note-type", bank.id]),
            name: format!("qbank {}", bank.id),
            css: ctx.templates.file("card.css")?,
        };
        let root = deck_name(bank.title);
        let mut decks = vec![Deck {
            id: ids::anki_id(&["qbank-deck", bank.id]),
            name: root.clone(),
            description: bank.description.map(markup::to_html).unwrap_or_default(),
        }];
        let mut cards = Vec::with_capacity(bank.questions.len());
        for topic in &bank.topics {
            let deck_id = ids::anki_id(&["qbank-deck", bank.id, topic.id]);
            decks.push(Deck {
                id: deck_id,
                name: format!("{root}::{}", deck_name(topic.title)),
                description: String::new(),
            });
            cards.extend(topic.questions.iter().map(|q| (deck_id, q)));
        }
        let (mut db, media) = {
            let _phase = crate::timings::phase("anki: render + sqlite");
            let meta = minijinja::Value::from(Serde(&meta));
            // Notes go into the database by id (see `anki_db::Writer`), so they are rendered in
            // that order too, a batch at a time on every core, while the writer inserts the
            // previous batch: rendering and inserting overlap.
            let mut keyed: Vec<Keyed<'_, '_>> = cards
                .par_iter()
                .enumerate()
                .map(|(i, &(deck, q))| Keyed {
                    note: ids::anki_id(&["qbank-note", bank.id, q.id]),
                    card: ids::anki_id(&["qbank-card", bank.id, q.id]),
                    due: anki_db::position(i),
                    deck,
                    q,
                })
                .collect();
            keyed.sort_unstable_by_key(|k| k.note);
            let cards: Vec<anki_db::Card> =
                keyed.iter().map(|k| [k.card, k.note, k.deck, k.due]).collect();
            let front_side = ctx.templates.prepare("front.html.j2")?;
            let back_side = ctx.templates.prepare("back.html.j2")?;
            let render = |k: &Keyed<'_, '_>| {
                let q = k.q;
                // Each question becomes a template value once, shared by both sides.
                let data = context!(q => minijinja::Value::from(Serde(q)), bank => meta.clone());
                let front_html = front_side.render(data.clone())?;
                let back_html = back_side.render(data)?;
                let note = Note {
                    id: k.note,
                    card_id: k.card,
                    guid: ids::anki_guid(&[bank.id, q.id]),
                    deck_id: k.deck,
                    fields: [field(front_html), field(back_html)],
                    tags: tags(q),
                };
                Ok::<_, ExportError>(NoteRow::new(note))
            };
            // Unbounded: the writer first inserts the cards and builds the indexes, and rendering
            // must not wait for it meanwhile (a bounded channel left the cores idle for about
            // 15 ms of the 10,000-question benchmark). At most every note is queued, which the
            // database holds anyway.
            let (sender, receiver) = std::sync::mpsc::channel::<Vec<NoteRow>>();
            let (note_type, decks, modified) = (&note_type, &decks, ctx.modified);
            std::thread::scope(|scope| {
                // The bank's images are found and read alongside too.
                let media = scope.spawn(|| super::media::collect(ctx));
                let writer = scope.spawn(move || {
                    let mut writer = anki_db::Writer::new(note_type, decks, cards, modified)?;
                    for rows in receiver {
                        writer.add(&rows)?;
                    }
                    writer.finish()
                });
                let mut rendered = Ok(());
                for batch in keyed.chunks(BATCH) {
                    match batch.par_iter().map(render).collect::<Result<Vec<NoteRow>, _>>() {
                        // A closed channel means the writer failed; `join` says why.
                        Ok(rows) => {
                            if sender.send(rows).is_err() {
                                break;
                            }
                        }
                        Err(e) => {
                            rendered = Err(e);
                            break;
                        }
                    }
                }
                drop(sender);
                let written = writer.join();
                let media = media.join();
                rendered?;
                let db = match written {
                    Ok(result) => result.map_err(|e| fail(e.to_string()))?,
                    Err(_) => {
                        return Err(fail("the database writer stopped unexpectedly".to_owned()));
                    }
                };
                match media {
                    Ok(media) => Ok((db, media?)),
                    Err(_) => Err(fail("reading the images stopped unexpectedly".to_owned())),
                }
            })?
        };
        let _zip = crate::timings::phase("anki: zip");
        let mut package = Package::new("anki");
        let bytes = db.bytes().map_err(|e| fail(e.to_string()))?;
        package.add("collection.anki2", &bytes, Compression::Deflate)?;
        let index: serde_json::Map<String, serde_json::Value> = media
            .keys()
            .enumerate()
            .map(|(i, name)| (i.to_string(), name.clone().into()))
            .collect();
        package.add(
            "media",
            serde_json::Value::Object(index).to_string().as_bytes(),
            Compression::Deflate,
        )?;
        for (i, bytes) in media.values().enumerate() {
            package.add(&i.to_string(), bytes, Compression::Store)?;
        }
        package.finish()
    }
}

/// A deck name component, from a title read as plain text: Anki splits deck names at `::`, so
/// a run of colons becomes one (`a:::b` is `a:b`, not `a` and `:b`), and colons at either end
/// go (`Bank:` then `::` would make `:::`); line breaks and tabs become spaces. A blank name
/// gets a placeholder.
pub fn deck_name(title: &str) -> String {
    let text = super::escape::xml_text(title).replace(['\n', '\r', '\t'], " ");
    let mut name = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == ':' && name.ends_with(':')) {
            name.push(c);
        }
    }
    let name = name.trim_matches(|c: char| c == ':' || c.is_whitespace());
    if name.is_empty() { "qbank".to_owned() } else { name.to_owned() }
}

/// Field text: no `\u{1f}` (Anki's field separator) nor other control characters.
fn field(html: String) -> String {
    let clean = super::escape::xml_text_owned(html);
    let trimmed = clean.trim();
    if trimmed.len() == clean.len() { clean } else { trimmed.to_owned() }
}

/// Tags: the topic id, each tag with spaces as `_`, and the difficulty.
fn tags(q: &QuestionView<'_>) -> Vec<String> {
    let mut tags: Vec<String> =
        std::iter::once(q.topic.to_owned())
            .chain(q.tags.iter().map(|t| {
                super::escape::xml_text(t).split_whitespace().collect::<Vec<_>>().join("_")
            }))
            .chain(std::iter::once(q.difficulty.to_owned()))
            .filter(|t| !t.is_empty())
            .collect();
    tags.dedup();
    tags
}

#[cfg(test)]
mod tests {
    use super::deck_name;

    #[test]
    fn titles_become_one_deck_name_component() {
        assert_eq!(deck_name("Markup :: nested"), "Markup : nested");
        assert_eq!(deck_name("a:::b"), "a:b", "a:::b would be `a` and `:b`");
        assert_eq!(deck_name("Bank:"), "Bank", "`Bank:` then `::` would be `:::`");
        assert_eq!(deck_name(":: lead"), "lead");
        assert_eq!(deck_name("two\nlines\ttab"), "two lines tab");
        assert_eq!(deck_name("<b>bold</b>"), "<b>bold</b>", "plain text: Anki shows it as written");
        assert_eq!(deck_name(" :: "), "qbank");
    }
}
