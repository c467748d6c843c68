//! `report.html`: the cohort at a glance (summary line, histogram, topic bars, heat map), the
//! ranked candidate table linking each candidate's page, the lead's overrides, and the item
//! analysis. Rows are written in rank order, so the page reads without JavaScript; a small
//! inline script (allowed by its hash) sorts the table by any column from its header buttons.
//! A row is plain cells only, so 30,000 candidates still make a page a browser opens.

use std::fmt::Write as _;

use super::charts::{self, HeatRow};
use super::{Sheet, escape, head, percent};
use crate::grade::overrides::Applied;
use crate::grade::ranking::{Place, passes};
use crate::grade::stats::{Analysis, MIN_RELIABLE, TOO_EASY, TOO_HARD, mean};
use crate::grade::stream::Tally;

/// Candidates up to which the heat map has a row each; above, a row per tenth of the ranking.
pub const HEAT_ROWS: usize = 200;

/// Candidates up to which the ranking has a column per topic. Above, its rows keep rank, name,
/// total, percent and result: 30,000 rows of 27 cells made a 17 MB page that took a browser
/// minutes to lay out and sort, and the topic percents are in `candidates.csv`, the heat map
/// and every candidate's page.
pub const TOPIC_COLUMNS_UP_TO: usize = 1000;

/// Styles of the report, after [`BASE_STYLE`](super::BASE_STYLE).
const STYLE: &str = ".figs{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start}figure{margin:0 0 1rem;max-width:100%}\
figcaption{font-weight:600;margin-bottom:.3rem}th button{font:inherit;font-weight:600;border:0;background:none;color:inherit;padding:0;cursor:pointer;text-align:inherit}\
th button:focus-visible{outline:2px solid #1f5f99;outline-offset:2px}th[aria-sort=ascending] button::after{content:\" ▲\"}th[aria-sort=descending] button::after{content:\" ▼\"}\
tbody tr:nth-child(even){background:rgba(0,0,0,.03)}\
#ranked td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}#ranked td:nth-child(2),#ranked td.pass,#ranked td.fail{text-align:left;white-space:normal}";

/// Sorts `table.sortable` by the column whose header button is pressed (again: reversed);
/// numbers as numbers, text as text, blank cells last, and equal cells in the order the page
/// was written (rank order), whatever was sorted before.
const SCRIPT: &str = "document.querySelectorAll('table.sortable').forEach(function(t){\
var heads=t.tHead.rows[0].cells;\
Array.prototype.forEach.call(heads,function(th,i){var b=th.querySelector('button');if(!b)return;\
b.addEventListener('click',function(){var asc=th.getAttribute('aria-sort')!=='ascending';\
Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});\
th.setAttribute('aria-sort',asc?'ascending':'descending');\
var body=t.tBodies[0];var rows=Array.prototype.map.call(body.rows,function(r,j){if(r.dataset.i===undefined){r.dataset.i=j;}\
var s=r.cells[i].textContent.trim();var n=Number(s);return [s===''?null:(isNaN(n)?s.toLowerCase():n),+r.dataset.i,r];});\
rows.sort(function(a,b){if(a[0]===null||b[0]===null){return a[0]===null?(b[0]===null?a[1]-b[1]:1):-1;}\
var c=(typeof a[0]==='number'&&typeof b[0]==='number')?a[0]-b[0]:String(a[0]).localeCompare(String(b[0]));\
return (asc?c:-c)||a[1]-b[1];});\
var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r[2]);});body.appendChild(f);});});});";

/// What the report shows.
pub struct Report<'a> {
    /// The bank's title.
    pub title: &'a str,
    /// Row counts.
    pub tally: &'a Tally,
    /// The cohort's analysis (overrides applied).
    pub analysis: &'a Analysis,
    /// Candidates in rank order.
    pub places: &'a [Place],
    /// Each candidate's page, by candidate index (a file name in `candidates/`).
    pub files: &'a [String],
    /// `--pass-mark`, a percent.
    pub pass_mark: Option<f64>,
    /// The lead's overrides, as applied.
    pub overrides: &'a [Applied],
}

/// A sortable column header: a button (keyboard operable) inside the `th`.
fn sort_head(out: &mut String, text: &str, numeric: bool, sorted: bool) {
    let class = if numeric { " class=\"n\"" } else { "" };
    let aria = if sorted { " aria-sort=\"ascending\"" } else { "" };
    let _ = write!(out, "<th{class}{aria}><button type=\"button\">{}</button></th>", escape(text));
}

impl Report<'_> {
    fn summary(&self, html: &mut String) {
        let a = self.analysis;
        let n = a.candidates.len();
        let alpha = a.alpha.map_or_else(|| "–".to_owned(), |x| format!("{x:.2}"));
        let _ = write!(
            html,
            "<p>{n} candidates · {} answers graded · {} rows read, {} graded, {} rejected · mean {}% · Cronbach's α {alpha}{}",
            self.tally.answers,
            self.tally.read,
            self.tally.graded,
            self.tally.rejected,
            a.mean_percent.map_or_else(|| "–".to_owned(), |m| format!("{m:.1}")),
            if a.reliable { "" } else { " (unreliable)" },
        );
        if let Some(mark) = self.pass_mark {
            let passed = a.candidates.iter().filter(|c| passes(c.percent, mark)).count();
            let _ = write!(html, " · pass mark {mark}%: {passed} of {n} pass");
        }
        if !self.overrides.is_empty() {
            let n = self.overrides.len();
            let _ = write!(html, " · {n} {} overridden", if n == 1 { "score" } else { "scores" });
        }
        html.push_str("</p>");
        if !a.not_asked.is_empty() {
            let ids: Vec<String> = a.not_asked.iter().map(|id| escape(id)).collect();
            let _ = write!(
                html,
                "<p class=\"k\">Not asked by any sheet, left out of the maximum: {}</p>",
                ids.join(", ")
            );
        }
        if !a.reliable {
            let _ = write!(
                html,
                "<p class=\"caution\"><strong>Caution:</strong> {n} candidates, fewer than {MIN_RELIABLE}. Cronbach's α and the discrimination index swing widely on so few candidates: they are shown as unreliable and raise no flag. Facility flags still apply.</p>"
            );
        }
    }

    fn charts(&self, html: &mut String) {
        let a = self.analysis;
        let percents: Vec<f64> = a.candidates.iter().map(|c| c.percent).collect();
        let topic_means: Vec<(String, Option<f64>)> = a
            .topics
            .iter()
            .enumerate()
            .map(|(i, (_, title))| {
                let values: Vec<f64> = a.candidates.iter().filter_map(|c| c.topics[i]).collect();
                (title.clone(), mean(&values))
            })
            .collect();
        let _ = write!(
            html,
            "<h2>At a glance</h2><div class=\"figs\"><figure><figcaption>Candidates by percent</figcaption>{}</figure><figure><figcaption>Mean percent per topic</figcaption>{}</figure></div>",
            charts::histogram(&percents),
            charts::topic_bars(&topic_means)
        );
        let rows = self.heat_rows();
        let titles: Vec<String> = a.topics.iter().map(|(_, t)| t.clone()).collect();
        let what = if a.candidates.len() > HEAT_ROWS {
            "Percent per topic, by tenth of the ranking (mean of each band's candidates)"
        } else {
            "Percent per topic, by candidate in rank order"
        };
        let _ = write!(
            html,
            "<figure><figcaption>{what}</figcaption>{}</figure><details><summary>The heat map as a table</summary><div class=\"scroll\"><table><thead><tr><th>{}</th>",
            charts::heat_map(&titles, &rows),
            if a.candidates.len() > HEAT_ROWS { "ranks" } else { "candidate" }
        );
        for t in &titles {
            let _ = write!(html, "<th class=\"n\">{} %</th>", escape(t));
        }
        html.push_str("</tr></thead><tbody>");
        for row in &rows {
            let _ = write!(html, "<tr><td>{}</td>", escape(&row.label));
            for v in &row.values {
                let _ = write!(html, "<td class=\"n\">{}</td>", percent(*v));
            }
            html.push_str("</tr>");
        }
        html.push_str("</tbody></table></div></details>");
    }

    /// One row per candidate in rank order, or per tenth of the ranking in a large cohort.
    fn heat_rows(&self) -> Vec<HeatRow> {
        let a = self.analysis;
        if a.candidates.len() <= HEAT_ROWS {
            return self
                .places
                .iter()
                .map(|p| {
                    let c = &a.candidates[p.candidate];
                    HeatRow { label: c.candidate.clone(), values: c.topics.clone() }
                })
                .collect();
        }
        let n = self.places.len();
        (0..10)
            .map(|band| {
                let (from, to) = (band * n / 10, (band + 1) * n / 10);
                let members = &self.places[from..to];
                let values = (0..a.topics.len())
                    .map(|t| {
                        let v: Vec<f64> = members
                            .iter()
                            .filter_map(|p| a.candidates[p.candidate].topics[t])
                            .collect();
                        mean(&v)
                    })
                    .collect();
                HeatRow { label: format!("places {}–{}", from + 1, to), values }
            })
            .collect()
    }

    fn ranking(&self, html: &mut String) {
        let a = self.analysis;
        let topic_columns = a.candidates.len() <= TOPIC_COLUMNS_UP_TO;
        let topics_note = if topic_columns {
            "A blank topic percent means the topic had nothing asked.".to_owned()
        } else {
            format!(
                "With more than {TOPIC_COLUMNS_UP_TO} candidates the percent per topic is left out of this table, to keep the page light: it is in candidates.csv, the heat map and each candidate's page."
            )
        };
        let _ = write!(
            html,
            "<h2 id=\"ranking\">Candidates</h2><p class=\"k\">Ranked by total; equal totals share a rank. Each name opens the candidate's own page (it shows that candidate's answers only, so it can be shared with them). {topics_note}</p><div class=\"scroll\"><table class=\"sortable\" id=\"ranked\"><thead><tr>"
        );
        sort_head(html, "rank", true, true);
        sort_head(html, "candidate", false, false);
        sort_head(html, "total", true, false);
        sort_head(html, "%", true, false);
        if topic_columns {
            for (_, title) in &a.topics {
                sort_head(html, &format!("{} %", charts::label(title, 24)), true, false);
            }
        }
        if self.pass_mark.is_some() {
            sort_head(html, "result", false, false);
        }
        html.push_str("</tr></thead><tbody>");
        for p in self.places {
            let c = &a.candidates[p.candidate];
            let _ = write!(
                html,
                "<tr><td>{}</td><td><a href=\"candidates/{}\">{}</a></td><td>{}</td><td>{:.1}</td>",
                p.rank,
                escape(&self.files[p.candidate]),
                escape(&c.candidate),
                c.total,
                c.percent
            );
            if topic_columns {
                for t in &c.topics {
                    let _ = write!(html, "<td>{}</td>", percent(*t));
                }
            }
            if let Some(mark) = self.pass_mark {
                html.push_str(if passes(c.percent, mark) {
                    "<td class=\"pass\">pass</td>"
                } else {
                    "<td class=\"fail\">fail</td>"
                });
            }
            html.push_str("</tr>");
        }
        let _ = write!(
            html,
            "</tbody></table></div><p class=\"k\">Maximum: {max} points.</p>",
            max = a.candidates.first().map_or(0, |c| c.max)
        );
    }

    fn overrides(&self, html: &mut String) {
        if self.overrides.is_empty() {
            return;
        }
        html.push_str("<h2>Overrides</h2><p class=\"k\">Scores the lead corrected; totals, ranks, pass/fail and the statistics use them.</p><div class=\"scroll\"><table><thead><tr><th>candidate</th><th>question</th><th class=\"n\">rubric</th><th class=\"n\">given</th><th>reason</th></tr></thead><tbody>");
        for o in self.overrides {
            let _ = write!(
                html,
                "<tr><td><a href=\"candidates/{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(&self.files[o.candidate]),
                escape(&o.name),
                escape(&o.question),
                o.rubric_points,
                o.points,
                escape(&o.reason)
            );
        }
        html.push_str("</tbody></table></div>");
    }

    fn items(&self, html: &mut String) {
        let a = self.analysis;
        let _ = write!(
            html,
            "<h2>Items</h2><p class=\"k\">Facility = mean / max (%); flagged too easy at ≥ {TOO_EASY}% and too hard at ≤ {TOO_HARD}%. Discrimination = correlation of the item with the rest of the test (%), as Moodle computes it; negative values mean stronger candidates did worse on the item{}.</p>",
            if a.reliable {
                ""
            } else {
                "; with fewer than 30 candidates it is unreliable (shown in brackets) and raises no flag"
            }
        );
        html.push_str("<div class=\"scroll\"><table class=\"sortable\"><thead><tr>");
        for (text, numeric) in [
            ("question", false),
            ("topic", false),
            ("type", false),
            ("n", true),
            ("mean", true),
            ("max", true),
            ("facility", true),
            ("discrimination", true),
        ] {
            sort_head(html, text, numeric, false);
        }
        html.push_str("<th>criteria hit rates</th><th>flags</th></tr></thead><tbody>");
        for item in &a.items {
            let rates: Vec<String> = item
                .criteria
                .iter()
                .map(|r| format!("{}&nbsp;{:.0}%", escape(&r.id), r.rate * 100.0))
                .collect();
            let flags = item.flags.iter().fold(String::new(), |mut out, f| {
                let _ = write!(out, "<span class=\"flag\">{f}</span>");
                out
            });
            let discrimination = match item.discrimination {
                Some(d) if a.reliable => format!("{d:.1}"),
                Some(d) => format!(
                    "<span class=\"k\" title=\"unreliable below {MIN_RELIABLE} candidates\">({d:.1})</span>"
                ),
                None => String::new(),
            };
            let _ = write!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.2}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{discrimination}</td><td>{}</td><td>{flags}</td></tr>",
                escape(&item.id),
                escape(&item.topic),
                item.kind,
                item.n,
                item.mean,
                item.max,
                percent(item.facility),
                rates.join(", ")
            );
        }
        html.push_str("</tbody></table></div>");
    }

    /// Renders the page.
    pub fn render(&self) -> String {
        let title = format!("{} — grading report", self.title);
        let mut html = String::with_capacity(4096 + 160 * self.places.len());
        head(&mut html, &title, &Sheet::new(STYLE), Some(SCRIPT));
        let _ = write!(html, "<h1>{}</h1>", escape(&title));
        self.summary(&mut html);
        self.charts(&mut html);
        self.ranking(&mut html);
        self.overrides(&mut html);
        self.items(&mut html);
        let _ = writeln!(html, "<script>{SCRIPT}</script></body></html>");
        html
    }
}
