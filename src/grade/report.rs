//! `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with the
//! score histogram, mean percent per topic, Cronbach's alpha and the item table with flags.

use std::fmt::Write as _;

use super::stats::{Analysis, TOO_EASY, TOO_HARD};
use super::stream::Tally;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b}\
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:right}td:nth-child(-n+3),th:nth-child(-n+3),td:nth-child(n+8),th:nth-child(n+8){text-align:left}\
.flag{background:#fde2e1;color:#8a1c14;border-radius:3px;padding:0 .3rem;margin-right:.2rem;font-size:.85em}\
.figs{display:flex;gap:2rem;flex-wrap:wrap}.k{color:#555}svg text{font-size:11px;fill:#333}\
@media (prefers-color-scheme:dark){body{background:#161616;color:#eee}th,td{border-color:#444}svg text{fill:#ccc}.k{color:#aaa}}";

/// Histogram of candidate percents in 10 bins, as an SVG element.
fn histogram(percents: &[f64]) -> String {
    let mut bins = [0usize; 10];
    for &p in percents {
        bins[((p / 10.0).floor() as usize).min(9)] += 1;
    }
    let top = bins.iter().copied().max().unwrap_or(0).max(1);
    let (w, h, bar) = (420.0, 160.0, 38.0);
    // 14 px of headroom above the tallest bar for its count.
    let mut svg = format!(
        r#"<svg role="img" aria-label="score histogram" width="{w}" height="{}" viewBox="0 -14 {w} {}">"#,
        h + 44.0,
        h + 44.0
    );
    for (i, &n) in bins.iter().enumerate() {
        let bh = h * n as f64 / top as f64;
        let x = 10.0 + i as f64 * (bar + 2.0);
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="{}" width="{bar}" height="{bh}" fill="#3b6fb6"><title>{}–{}%: {n}</title></rect><text x="{}" y="{}" text-anchor="middle">{}</text>"##,
            h - bh,
            i * 10,
            i * 10 + 10,
            x + bar / 2.0,
            h + 14.0,
            i * 10
        );
        if n > 0 {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}" text-anchor="middle">{n}</text>"#,
                x + bar / 2.0,
                h - bh - 3.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A topic title that fits the bar chart's label column: cut at a word with `…` when longer
/// (the whole title shows on hover).
fn label(title: &str) -> String {
    const FITS: usize = 34;
    if title.chars().count() <= FITS {
        return title.to_owned();
    }
    let cut: String = title.chars().take(FITS - 1).collect();
    let at_word = cut.rfind(' ').filter(|&i| i >= FITS / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
}

/// Horizontal bars of the mean percent per topic.
fn topic_bars(analysis: &Analysis) -> String {
    let row = 22.0;
    let height = row * analysis.topics.len() as f64 + 10.0;
    let mut svg = format!(
        r#"<svg role="img" aria-label="mean percent per topic" width="560" height="{height}" viewBox="0 0 560 {height}">"#
    );
    for (i, (_, title)) in analysis.topics.iter().enumerate() {
        let values: Vec<f64> = analysis.candidates.iter().filter_map(|c| c.topics[i]).collect();
        // A topic with no asked question has no percent: no bar, and a dash.
        let shown = super::stats::mean(&values);
        let mean = shown.unwrap_or(0.0);
        let figure = shown.map_or_else(|| "–".to_owned(), |m| format!("{m:.0}%"));
        let y = i as f64 * row + 4.0;
        let _ = write!(
            svg,
            r##"<text x="0" y="{}"><title>{}</title>{}</text><rect x="220" y="{y}" width="{}" height="{}" fill="#5a9c5a"><title>{mean:.1}%</title></rect><text x="{}" y="{}">{figure}</text>"##,
            y + 13.0,
            escape(title),
            escape(&label(title)),
            300.0 * mean / 100.0,
            row - 6.0,
            226.0 + 300.0 * mean / 100.0,
            y + 13.0
        );
    }
    svg.push_str("</svg>");
    svg
}

fn number(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{x:.1}"))
}

/// Renders the page.
pub fn render(title: &str, tally: &Tally, analysis: &Analysis) -> String {
    let percents: Vec<f64> = analysis.candidates.iter().map(|c| c.percent).collect();
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{} — grading report</title><style>{STYLE}</style></head><body>",
        escape(title)
    );
    let _ = write!(
        html,
        "<h1>{} — grading report</h1><p>{} candidates · {} answers graded · {} rows read, {} graded, {} rejected · mean {}% · Cronbach's α {}</p>",
        escape(title),
        analysis.candidates.len(),
        tally.answers,
        tally.read,
        tally.graded,
        tally.rejected,
        number(analysis.mean_percent),
        analysis.alpha.map_or_else(|| "–".to_owned(), |a| format!("{a:.2}"))
    );
    if !analysis.not_asked.is_empty() {
        let ids: Vec<String> = analysis.not_asked.iter().map(|id| escape(id)).collect();
        let _ = write!(
            html,
            "<p class=\"k\">Not asked by any sheet, left out of the maximum: {}</p>",
            ids.join(", ")
        );
    }
    let _ = write!(
        html,
        "<div class=\"figs\"><figure><figcaption>Candidates by percent</figcaption>{}</figure><figure><figcaption>Mean percent per topic</figcaption>{}</figure></div>",
        histogram(&percents),
        topic_bars(analysis)
    );
    let _ = write!(
        html,
        "<h2>Items</h2><p class=\"k\">Facility = mean / max (%); flagged too easy at ≥ {TOO_EASY}% and too hard at ≤ {TOO_HARD}%. Discrimination = correlation of the item with the rest of the test (%), as Moodle computes it; negative values mean stronger candidates did worse on the item.</p>"
    );
    html.push_str("<table><thead><tr><th>question</th><th>topic</th><th>type</th><th>n</th><th>mean / max</th><th>facility</th><th>discrimination</th><th>criteria hit rates</th><th>flags</th></tr></thead><tbody>");
    for item in &analysis.items {
        let rates: Vec<String> = item
            .criteria
            .iter()
            .map(|r| format!("{}&nbsp;{:.0}%", escape(&r.id), r.rate * 100.0))
            .collect();
        let flags = item.flags.iter().fold(String::new(), |mut out, f| {
            let _ = write!(out, "<span class=\"flag\">{f}</span>");
            out
        });
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2} / {}</td><td>{}</td><td>{}</td><td>{}</td><td>{flags}</td></tr>",
            escape(&item.id),
            escape(&item.topic),
            item.kind,
            item.n,
            item.mean,
            item.max,
            number(item.facility),
            number(item.discrimination),
            rates.join(", ")
        );
    }
    html.push_str("</tbody></table></body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn long_topic_titles_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(label("Consistent hashing"), "Consistent hashing");
        assert_eq!(
            label("Eventual consistency, quorums and anti-entropy"),
            "Eventual consistency, quorums…"
        );
        assert_eq!(
            label("Leader election and coordination services"),
            "Leader election and coordination…"
        );
        let long_word = "x".repeat(50);
        assert_eq!(label(&long_word).chars().count(), 34);
    }
}
