//! The report's charts as inline SVG: each has a `viewBox`, so it scales down to a phone's
//! width, and a `role="img"` label; numbers are printed on the chart, not only in colour.

use std::fmt::Write as _;

use super::escape;

/// A title that fits a chart's label column: cut at a word with `…` when longer than `fits`
/// characters (the whole title shows on hover).
pub fn label(title: &str, fits: usize) -> String {
    if title.chars().count() <= fits {
        return title.to_owned();
    }
    let cut: String = title.chars().take(fits - 1).collect();
    let at_word = cut.rfind(' ').filter(|&i| i >= fits / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
}

/// Counts of percents in 11 bins: 0–9.9, 10–19.9, …, 90–99.9, and 100 on its own, so a full
/// score is never hidden in the bin below.
pub fn bins(percents: &[f64]) -> [usize; 11] {
    let mut bins = [0usize; 11];
    for &p in percents {
        let i = if p >= 100.0 - 1e-9 { 10 } else { ((p.max(0.0) / 10.0).floor() as usize).min(9) };
        bins[i] += 1;
    }
    bins
}

/// The histogram of candidate percents, with both axes labelled and the count above each bar.
pub fn histogram(percents: &[f64]) -> String {
    let bins = bins(percents);
    let top = bins.iter().copied().max().unwrap_or(0).max(1);
    let (left, plot_w, plot_h, top_pad) = (44.0, 440.0, 150.0, 16.0);
    let slot = plot_w / 11.0;
    let (w, h) = (left + plot_w + 8.0, top_pad + plot_h + 44.0);
    let base = top_pad + plot_h;
    let mut svg = format!(
        r#"<svg role="img" aria-label="histogram of candidates by percent" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    // The y axis: 0, half and the top count, with light grid lines.
    let mut ticks = vec![0, top];
    if top >= 4 {
        ticks.insert(1, top / 2);
    }
    for t in ticks {
        let y = base - plot_h * t as f64 / top as f64;
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y}" x2="{}" y2="{y}" stroke="#ccc" stroke-width="0.5"/><text x="{}" y="{}" text-anchor="end">{t}</text>"##,
            left + plot_w,
            left - 4.0,
            y + 4.0
        );
    }
    for (i, &n) in bins.iter().enumerate() {
        let bh = plot_h * n as f64 / top as f64;
        let x = left + i as f64 * slot + 2.0;
        let range =
            if i == 10 { "100%".to_owned() } else { format!("{}–{}%", i * 10, i * 10 + 9) };
        let fill = if i == 10 { "#1f5f99" } else { "#3b6fb6" };
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{}" width="{}" height="{bh}" fill="{fill}"><title>{range}: {n}</title></rect>"#,
            base - bh,
            slot - 4.0
        );
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            x + (slot - 4.0) / 2.0,
            base + 14.0,
            if i == 10 { "100".to_owned() } else { (i * 10).to_string() }
        );
        if n > 0 {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}" text-anchor="middle">{n}</text>"#,
                x + (slot - 4.0) / 2.0,
                base - bh - 3.0
            );
        }
    }
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#666"/><line x1="{left}" y1="{top_pad}" x2="{left}" y2="{base}" stroke="#666"/><text x="{}" y="{}" text-anchor="middle">percent of the maximum (each bar from its label to the next; 100 alone)</text><text transform="translate(12 {}) rotate(-90)" text-anchor="middle">candidates</text></svg>"##,
        left + plot_w,
        left + plot_w / 2.0,
        base + 34.0,
        top_pad + plot_h / 2.0
    );
    svg
}

/// Horizontal bars of the mean percent per topic; a topic with no mean (nothing asked) shows
/// a dash and no bar.
pub fn topic_bars(topics: &[(String, Option<f64>)]) -> String {
    let row = 22.0;
    let height = row * topics.len() as f64 + 10.0;
    let mut svg = format!(
        r#"<svg role="img" aria-label="mean percent per topic" width="440" height="{height}" viewBox="0 0 440 {height}">"#
    );
    for (i, (title, mean)) in topics.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        let _ = write!(
            svg,
            r#"<text x="0" y="{}"><title>{}</title>{}</text>"#,
            y + 13.0,
            escape(title),
            escape(&label(title, 28))
        );
        match mean {
            Some(mean) => {
                let _ = write!(
                    svg,
                    r##"<rect x="180" y="{y}" width="{}" height="{}" fill="#4d8f4d"><title>{mean:.1}%</title></rect><text x="{}" y="{}">{mean:.0}%</text>"##,
                    220.0 * mean / 100.0,
                    row - 6.0,
                    184.0 + 220.0 * mean / 100.0,
                    y + 13.0
                );
            }
            None => {
                let _ = write!(svg, r#"<text x="184" y="{}">–</text>"#, y + 13.0);
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Nine steps of the viridis palette (dark blue to yellow): ordered in lightness, and read
/// apart with the common colour-vision deficiencies.
pub const VIRIDIS: [&str; 9] = [
    "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30",
    "#fde725",
];

/// The palette step of a percent.
pub fn step(percent: f64) -> usize {
    ((percent.clamp(0.0, 100.0) / 100.0 * 8.0).round()) as usize
}

/// A row of the heat map: its label (a candidate, or a band of ranks) and a percent per topic.
pub struct HeatRow {
    /// Shown left of the row.
    pub label: String,
    /// Percent per topic; `None` when the topic had nothing asked.
    pub values: Vec<Option<f64>>,
}

/// The candidates × topics heat map; every cell also prints its percent.
pub fn heat_map(topics: &[String], rows: &[HeatRow]) -> String {
    let (label_w, cell_w, cell_h, head) = (150.0, 46.0, 18.0, 40.0);
    // Room on the right for the last slanted header and for the legend.
    let width = (label_w + cell_w * topics.len() as f64 + 50.0).max(label_w + 9.0 * 16.0 + 40.0);
    let height = head + cell_h * rows.len() as f64 + 30.0;
    let mut svg = format!(
        r#"<svg role="img" aria-label="heat map of percent per candidate and topic" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    for (j, title) in topics.iter().enumerate() {
        let x = label_w + j as f64 * cell_w + cell_w / 2.0;
        let _ = write!(
            svg,
            r#"<text transform="translate({x} {}) rotate(-30)"><title>{}</title>{}</text>"#,
            head - 4.0,
            escape(title),
            escape(&label(title, 10))
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let y = head + i as f64 * cell_h;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end"><title>{}</title>{}</text>"#,
            label_w - 6.0,
            y + 13.0,
            escape(&row.label),
            escape(&label(&row.label, 22))
        );
        for (j, value) in row.values.iter().enumerate() {
            let x = label_w + j as f64 * cell_w;
            let (fill, ink, text) = match value {
                Some(p) => {
                    let s = step(*p);
                    (VIRIDIS[s], if s >= 5 { "#000" } else { "#fff" }, format!("{p:.0}"))
                }
                None => ("#e4e4e4", "#333", "–".to_owned()),
            };
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{y}" width="{}" height="{}" fill="{fill}"/><text x="{}" y="{}" text-anchor="middle" fill="{ink}">{text}</text>"#,
                cell_w - 1.0,
                cell_h - 1.0,
                x + cell_w / 2.0,
                y + 12.5
            );
        }
    }
    // The legend: the nine steps from 0% to 100%.
    let ly = head + cell_h * rows.len() as f64 + 10.0;
    let _ =
        write!(svg, r#"<text x="{}" y="{}" text-anchor="end">0%</text>"#, label_w - 6.0, ly + 10.0);
    for (s, colour) in VIRIDIS.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{ly}" width="16" height="12" fill="{colour}"/>"#,
            label_w + s as f64 * 16.0
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{}" y="{}">100%</text></svg>"#,
        label_w + 9.0 * 16.0 + 4.0,
        ly + 10.0
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::{bins, label, step};

    #[test]
    fn long_titles_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(label("Consistent hashing", 34), "Consistent hashing");
        assert_eq!(
            label("Eventual consistency, quorums and anti-entropy", 34),
            "Eventual consistency, quorums…"
        );
        assert_eq!(label(&"x".repeat(50), 34).chars().count(), 34);
    }

    #[test]
    fn a_full_score_has_its_own_bin() {
        let b = bins(&[0.0, 9.99, 10.0, 95.0, 99.99, 100.0, 100.0]);
        assert_eq!(b, [2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 2]);
    }

    #[test]
    fn palette_steps_cover_the_range() {
        assert_eq!((step(0.0), step(50.0), step(100.0), step(140.0)), (0, 4, 8, 8));
    }
}
