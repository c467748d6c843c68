//! A candidate's own page (`candidates/<name>.html`): their total and topic percents, then
//! every question of the test with their answer, the words that earned (or cost) points
//! marked in it, the criteria met and missed with their descriptions, the penalties found, why
//! a match did not count, and any score the lead overrode with the reason. It holds nothing
//! about other candidates (no rank, no cohort figures), so it can be shared with that
//! candidate alone.

use std::fmt::Write as _;
use std::sync::LazyLock;

use super::highlight::{self, Marks};
use super::{Sheet, escape, head, percent, push_escaped};
use crate::grade::answers::{Outcome, Stored};
use crate::grade::overrides::Applied;
use crate::grade::ranking::passes;
use crate::grade::stats::CandidateTotal;
use crate::model::{Bank, Criterion};

/// Styles of a candidate page, after [`BASE_STYLE`](super::BASE_STYLE).
const STYLE: &str = "section{border-top:1px solid #ddd;padding-top:.4rem;margin-top:1.4rem}\
.answer{white-space:pre-wrap;background:#f6f6f6;border-radius:4px;padding:.5rem .7rem;margin:.4rem 0}\
.blank{font-style:italic;color:#555}mark{background:#ffe58a;color:inherit;border-radius:2px}mark.pen{background:#f8c4c0}\
ul.crit{list-style:none;padding-left:0;margin:.3rem 0}ul.crit li{margin:.2rem 0}.met::before{content:\"✓ \";color:#17603a}\
.missed::before{content:\"✗ \";color:#9b1c1c}.found::before{content:\"− \";color:#9b1c1c}.override{border-left:4px solid #1f5f99;padding:.3rem .7rem;background:#eef4fb}\
@media (prefers-color-scheme:dark){.answer{background:#222}mark{background:#6b5a12}mark.pen{background:#6b2420}.override{background:#18263a}section{border-color:#444}}";

/// The style sheet of every candidate page, hashed once.
static SHEET: LazyLock<Sheet> = LazyLock::new(|| Sheet::new(STYLE));

/// What every candidate page repeats of a question, escaped and laid out once per run: a
/// cohort's pages repeat each prompt and criterion description once per candidate.
struct Question {
    /// The prompt, escaped (the `<h2>`).
    prompt: String,
    /// The `id · topic` line, escaped.
    meta: String,
    /// The question's points.
    max: u32,
    /// Criteria (rubric order; one `correct` for exactly graded questions) and penalties.
    criteria: Vec<Item>,
    penalties: Vec<Item>,
}

/// A criterion or penalty's list item without its evidence and reason: the opening for each
/// way it can fare, and its id (shown on hover over its marks).
struct Item {
    id: String,
    /// Met (a penalty: found), and not met.
    met: String,
    missed: String,
}

impl Item {
    fn new(c: &Criterion, penalty: bool) -> Self {
        let describe = describe(c);
        let p = c.points;
        let (met, missed) = if penalty {
            (
                format!("<li class=\"found\"><strong>−{p}</strong> {describe}"),
                format!("<li class=\"missed\"><strong>0</strong> {describe}"),
            )
        } else {
            (
                format!("<li class=\"met\"><strong>+{p}</strong> {describe}"),
                format!("<li class=\"missed\"><strong>0 of {p}</strong> {describe}"),
            )
        };
        Self { id: c.id.as_str().to_owned(), met, missed }
    }
}

/// The parts of the bank that candidate pages show, prepared once for all of them.
pub struct Prepared<'a> {
    bank: &'a Bank,
    questions: Vec<Question>,
}

impl<'a> Prepared<'a> {
    /// Escapes and lays out every question's prompt, criteria and penalties.
    pub fn new(bank: &'a Bank) -> Self {
        let questions = bank
            .questions
            .iter()
            .map(|q| {
                let (criteria, penalties) = q.rubric.as_ref().map_or_else(
                    || (Vec::new(), Vec::new()),
                    |r| {
                        let items = |list: &[Criterion], penalty| {
                            list.iter().map(|c| Item::new(c, penalty)).collect()
                        };
                        (items(&r.criteria, false), items(&r.penalties, true))
                    },
                );
                Question {
                    prompt: escape(&q.prompt),
                    meta: format!(
                        "<code>{}</code> · {}",
                        escape(q.id.as_str()),
                        escape(q.topic.as_str())
                    ),
                    max: q.max_points(),
                    criteria,
                    penalties,
                }
            })
            .collect();
        Self { bank, questions }
    }
}

/// What a candidate's page shows.
pub struct Page<'a> {
    /// The bank, prepared.
    pub prepared: &'a Prepared<'a>,
    /// Indexes of the questions of the test, in bank order.
    pub test: &'a [usize],
    /// Topic titles of the test, in the order of `total.topics`.
    pub topics: &'a [(String, String)],
    /// The candidate's totals (overrides applied).
    pub total: &'a CandidateTotal,
    /// The candidate's graded answers.
    pub answers: &'a [Stored],
    /// The lead's overrides of this candidate's scores.
    pub overrides: &'a [&'a Applied],
    /// `--pass-mark`, a percent.
    pub pass_mark: Option<f64>,
}

/// The words of a criterion: its description, else its id.
fn describe(c: &Criterion) -> String {
    match &c.describe {
        Some(d) => escape(d),
        None => format!("<code>{}</code>", escape(c.id.as_str())),
    }
}

impl Page<'_> {
    fn header(&self, html: &mut String) {
        let t = self.total;
        let _ = write!(
            html,
            "<h1>{}</h1><p>{} · {} of {} points · {:.1}%",
            escape(&t.candidate),
            escape(&self.prepared.bank.title),
            t.total,
            t.max,
            t.percent
        );
        if let Some(mark) = self.pass_mark {
            let (class, word) =
                if passes(t.percent, mark) { ("pass", "pass") } else { ("fail", "fail") };
            let _ = write!(html, " · <span class=\"{class}\">{word}</span> (pass mark {mark}%)");
        }
        html.push_str("</p><div class=\"scroll\"><table><thead><tr><th>topic</th><th class=\"n\">%</th></tr></thead><tbody>");
        for ((_, title), p) in self.topics.iter().zip(&t.topics) {
            let _ = write!(
                html,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                escape(title),
                percent(*p)
            );
        }
        html.push_str("</tbody></table></div>");
    }

    fn question(&self, html: &mut String, number: usize, q: usize) {
        let prepared = &self.prepared.questions[q];
        let id = self.prepared.bank.questions[q].id.as_str();
        let answer = self.answers.iter().find(|a| a.question as usize == q);
        let applied = self.overrides.iter().find(|o| o.question == id);
        let score = match (applied, answer) {
            (Some(o), _) => Some(o.points),
            (None, Some(a)) => Some(a.score),
            (None, None) => None,
        };
        let _ = write!(
            html,
            "<section><h2>{number}. {}</h2><p class=\"k\">{} · ",
            prepared.prompt, prepared.meta
        );
        match score {
            Some(s) => _ = write!(html, "{s} of {} points</p>", prepared.max),
            None => _ = write!(html, "– of {} points</p>", prepared.max),
        }
        if let (Some(o), Some(a)) = (applied, answer) {
            let _ = write!(
                html,
                "<p class=\"override\">Score changed by the lead from {} (the rubric's) to {}: ",
                a.score, o.points,
            );
            push_escaped(html, &o.reason);
            html.push_str("</p>");
        }
        let Some(answer) = answer else {
            html.push_str("<p class=\"blank\">Not answered: the sheets have no answer to this question.</p></section>");
            return;
        };
        if answer.text.trim().is_empty() {
            html.push_str("<p class=\"blank\">Left blank: no answer was given.</p></section>");
            return;
        }
        let correct = "correct";
        let criterion_ids: Vec<&str> = if prepared.criteria.is_empty() {
            vec![correct]
        } else {
            prepared.criteria.iter().map(|c| c.id.as_str()).collect()
        };
        let marks: Vec<Marks<'_>> = answer
            .criteria
            .iter()
            .zip(&criterion_ids)
            .map(|(o, &id)| (o, id, false))
            .chain(
                answer
                    .penalties
                    .iter()
                    .zip(&prepared.penalties)
                    .map(|(o, p)| (o, p.id.as_str(), true)),
            )
            .filter(|(o, _, _)| o.met)
            .map(|(o, label, penalty)| Marks { label, penalty, evidence: &o.evidence })
            .collect();
        html.push_str("<div class=\"answer\">");
        highlight::render_into(html, &answer.text, &marks);
        html.push_str("</div><ul class=\"crit\">");
        if self.prepared.bank.questions[q].rubric.is_some() {
            for (c, o) in prepared.criteria.iter().zip(&answer.criteria) {
                item(html, c, o);
            }
            for (c, o) in prepared.penalties.iter().zip(&answer.penalties) {
                if o.met || o.why.is_some() {
                    item(html, c, o);
                }
            }
        } else {
            let right = answer.criteria.first().is_some_and(|o| o.met);
            html.push_str(if right {
                "<li class=\"met\">the right answer</li>"
            } else {
                "<li class=\"missed\">not the right answer</li>"
            });
        }
        html.push_str("</ul></section>");
    }

    /// Renders the page.
    pub fn render(&self) -> String {
        let mut html = String::with_capacity(8192);
        let title = format!("{} — {}", self.total.candidate, self.prepared.bank.title);
        head(&mut html, &title, &SHEET, None);
        self.header(&mut html);
        html.push_str("<p class=\"k\">Marked words earned points (red marks: a misconception that cost points). Each question lists what the rubric looked for, met (✓) or missed (✗).</p>");
        for (i, &q) in self.test.iter().enumerate() {
            self.question(&mut html, i + 1, q);
        }
        html.push_str("</body></html>\n");
        html
    }
}

/// One criterion or penalty as a list item: met, missed or found, with the evidence
/// (`— “w1 … w2”`) and the reason a match did not count.
fn item(html: &mut String, c: &Item, o: &Outcome) {
    html.push_str(if o.met { &c.met } else { &c.missed });
    if o.met && !o.evidence.is_empty() {
        html.push_str(" — “");
        for (i, e) in o.evidence.iter().enumerate() {
            if i > 0 {
                html.push_str(" … ");
            }
            push_escaped(html, e);
        }
        html.push('”');
    }
    if let Some(why) = &o.why {
        html.push_str(" <span class=\"k\">(did not count: ");
        push_escaped(html, why);
        html.push_str(")</span>");
    }
    html.push_str("</li>");
}
