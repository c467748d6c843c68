//! Ranks candidates by total, ties ranked equal (standard competition ranking: 1, 2, 2, 4),
//! and tells pass from fail against a pass mark given as a percent of the maximum.

use super::stats::CandidateTotal;

/// A candidate's place in the cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Index of the candidate (order of first appearance).
    pub candidate: usize,
    /// 1 + the number of candidates with a higher total.
    pub rank: usize,
}

/// Candidates from the highest total down; equal totals share a rank and are listed by name
/// (without case), so the order does not depend on the order of the sheets' rows.
pub fn rank(candidates: &[CandidateTotal]) -> Vec<Place> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_cached_key(|&c| {
        let x = &candidates[c];
        (std::cmp::Reverse(x.total), x.candidate.to_lowercase(), x.candidate.clone(), c)
    });
    let mut places = Vec::with_capacity(order.len());
    for (i, &c) in order.iter().enumerate() {
        let rank = match places.last() {
            Some(&Place { candidate: prev, rank })
                if candidates[prev].total == candidates[c].total =>
            {
                rank
            }
            _ => i + 1,
        };
        places.push(Place { candidate: c, rank });
    }
    places
}

/// Whether a percent reaches the pass mark (inclusive), with a tolerance of 1e-9 so a percent
/// that floating point puts a hair below the mark it equals still passes.
pub fn passes(percent: f64, pass_mark: f64) -> bool {
    percent + 1e-9 >= pass_mark
}

/// Parses `--pass-mark`: a percent from 0 to 100.
pub fn parse_pass_mark(s: &str) -> Result<f64, String> {
    match s.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a percent from 0 to 100, such as `60`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cohort(totals: &[(&str, u32)]) -> Vec<CandidateTotal> {
        totals
            .iter()
            .map(|&(name, total)| CandidateTotal {
                candidate: name.to_owned(),
                total,
                max: 10,
                percent: f64::from(total) * 10.0,
                topics: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let c = cohort(&[("dan", 5), ("bea", 9), ("cy", 7), ("Al", 7), ("eve", 7), ("fay", 1)]);
        let places: Vec<(&str, usize)> =
            rank(&c).iter().map(|p| (c[p.candidate].candidate.as_str(), p.rank)).collect();
        assert_eq!(places, [("bea", 1), ("Al", 2), ("cy", 2), ("eve", 2), ("dan", 5), ("fay", 6)]);
        assert!(rank(&[]).is_empty());
    }

    #[test]
    fn pass_mark_is_inclusive_and_checked() {
        assert!(passes(60.0, 60.0));
        assert!(!passes(59.99, 60.0));
        assert!(passes(200.0 / 3.0, 66.666_666_666_7));
        assert_eq!(parse_pass_mark("60%"), Ok(60.0));
        assert!(parse_pass_mark("101").is_err());
        assert!(parse_pass_mark("-1").is_err());
        assert!(parse_pass_mark("sixty").is_err());
    }
}
