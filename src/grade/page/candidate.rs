//! A candidate's own page (`candidates/<name>.html`): their total and topic percents, then
//! every question of the test with their answer, the words that earned (or cost) points
//! marked in it, the criteria met and missed with their descriptions, the penalties found, why
//! a match did not count, and any score the lead overrode with the reason. It holds nothing
//! about other candidates (no rank, no cohort figures), so it can be shared with that
//! candidate alone.

use std::fmt::Write as _;
use std::sync::LazyLock;

use super::highlight::{self, Marks};
use super::{Sheet, escape, head, percent};
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

/// What a candidate's page shows.
pub struct Page<'a> {
    /// The bank (prompts, criteria descriptions).
    pub bank: &'a Bank,
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

/// `“w1 … w2”` of a criterion's evidence.
fn quoted(evidence: &[String]) -> String {
    if evidence.is_empty() {
        return String::new();
    }
    format!(" — “{}”", escape(&evidence.join(" … ")))
}

impl Page<'_> {
    fn header(&self, html: &mut String) {
        let t = self.total;
        let _ = write!(
            html,
            "<h1>{}</h1><p>{} · {} of {} points · {:.1}%",
            escape(&t.candidate),
            escape(&self.bank.title),
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
        let question = &self.bank.questions[q];
        let answer = self.answers.iter().find(|a| a.question as usize == q);
        let applied = self.overrides.iter().find(|o| o.question == question.id.as_str());
        let max = question.max_points();
        let score = match (applied, answer) {
            (Some(o), _) => Some(o.points),
            (None, Some(a)) => Some(a.score),
            (None, None) => None,
        };
        let _ = write!(
            html,
            "<section><h2>{number}. {}</h2><p class=\"k\"><code>{}</code> · {} · {}</p>",
            escape(&question.prompt),
            escape(question.id.as_str()),
            escape(question.topic.as_str()),
            score.map_or_else(|| format!("– of {max} points"), |s| format!("{s} of {max} points"))
        );
        if let (Some(o), Some(a)) = (applied, answer) {
            let _ = write!(
                html,
                "<p class=\"override\">Score changed by the lead from {} (the rubric's) to {}: {}</p>",
                a.score,
                o.points,
                escape(&o.reason)
            );
        }
        let Some(answer) = answer else {
            html.push_str("<p class=\"blank\">Not answered: the sheets have no answer to this question.</p></section>");
            return;
        };
        if answer.text.trim().is_empty() {
            html.push_str("<p class=\"blank\">Left blank: no answer was given.</p></section>");
            return;
        }
        let rubric = question.rubric.as_ref();
        let ids =
            |list: &[Criterion]| list.iter().map(|c| c.id.as_str().to_owned()).collect::<Vec<_>>();
        let criterion_ids = rubric.map_or_else(|| vec!["correct".to_owned()], |r| ids(&r.criteria));
        let penalty_ids = rubric.map_or_else(Vec::new, |r| ids(&r.penalties));
        let marks: Vec<Marks<'_>> = answer
            .criteria
            .iter()
            .zip(&criterion_ids)
            .map(|(o, id)| (o, id, false))
            .chain(answer.penalties.iter().zip(&penalty_ids).map(|(o, id)| (o, id, true)))
            .filter(|(o, _, _)| o.met)
            .map(|(o, id, penalty)| Marks { label: id, penalty, evidence: &o.evidence })
            .collect();
        let _ = write!(
            html,
            "<div class=\"answer\">{}</div><ul class=\"crit\">",
            highlight::render(&answer.text, &marks)
        );
        if let Some(r) = rubric {
            for (c, o) in r.criteria.iter().zip(&answer.criteria) {
                criterion(html, c, o, false);
            }
            for (c, o) in r.penalties.iter().zip(&answer.penalties) {
                if o.met || o.why.is_some() {
                    criterion(html, c, o, true);
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
        let title = format!("{} — {}", self.total.candidate, self.bank.title);
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

/// One criterion or penalty as a list item: met, missed or found, with evidence and reason.
fn criterion(html: &mut String, c: &Criterion, o: &Outcome, penalty: bool) {
    let (class, points) = match (penalty, o.met) {
        (false, true) => ("met", format!("+{}", c.points)),
        (false, false) => ("missed", format!("0 of {}", c.points)),
        (true, true) => ("found", format!("−{}", c.points)),
        (true, false) => ("missed", "0".to_owned()),
    };
    let _ = write!(html, "<li class=\"{class}\"><strong>{points}</strong> {}", describe(c));
    if o.met {
        html.push_str(&quoted(&o.evidence));
    }
    if let Some(why) = &o.why {
        let _ = write!(html, " <span class=\"k\">(did not count: {})</span>", escape(why));
    }
    html.push_str("</li>");
}
