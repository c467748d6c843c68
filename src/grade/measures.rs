//! Statistical measures on plain samples: mean, sample variance, Pearson and Spearman
//! correlation, quadratic weighted kappa and Cronbach's alpha. `None` means undefined (too few
//! values, or no variance), never a made-up 0.

/// Mean of a sample.
pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample variance (n − 1).
pub fn variance(xs: &[f64]) -> Option<f64> {
    let m = mean(xs)?;
    (xs.len() > 1).then(|| xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64)
}

/// Whether every value is the same, up to the rounding of the arithmetic that made them
/// (`19/20 × 9 / 9` and `0.95` are one score). `0.0` and `-0.0` are the same.
fn constant(xs: &[f64]) -> bool {
    let (lo, hi) =
        xs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    hi - lo <= 1e-12 * lo.abs().max(hi.abs())
}

/// Pearson correlation; `None` when either side is constant (the correlation is 0/0) or there
/// are fewer than 2 pairs. Constancy is decided on the values, not on a variance that
/// floating point leaves at 1e-33 for scores that are all equal.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() != ys.len() || xs.len() < 2 || constant(xs) || constant(ys) {
        return None;
    }
    let (mx, my) = (mean(xs)?, mean(ys)?);
    let cov: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let vy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    (vx > 0.0 && vy > 0.0).then(|| (cov / (vx * vy).sqrt()).clamp(-1.0, 1.0))
}

/// Ranks with ties averaged (1-based). `-0.0` ties with `0.0` (the total order used to sort
/// would put it first).
fn ranks(xs: &[f64]) -> Vec<f64> {
    let xs: Vec<f64> = xs.iter().map(|x| x + 0.0).collect();
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut out = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]].total_cmp(&xs[order[i]]).is_eq() {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = rank;
        }
        i = j + 1;
    }
    out
}

/// Spearman rank correlation (Pearson of tie-averaged ranks).
pub fn spearman(xs: &[f64], ys: &[f64]) -> Option<f64> {
    pearson(&ranks(xs), &ranks(ys))
}

/// Quadratic weighted kappa of two ratings on categories `0..=max`; `None` when undefined
/// (no pairs, or both raters constant on the same category).
pub fn quadratic_kappa(first: &[u32], second: &[u32], max: u32) -> Option<f64> {
    if first.len() != second.len() || first.is_empty() {
        return None;
    }
    let cats = max as usize + 1;
    let mut observed = vec![0.0; cats * cats];
    let (mut hist_first, mut hist_second) = (vec![0.0; cats], vec![0.0; cats]);
    for (&x, &y) in first.iter().zip(second) {
        let (x, y) = ((x.min(max)) as usize, (y.min(max)) as usize);
        observed[x * cats + y] += 1.0;
        hist_first[x] += 1.0;
        hist_second[y] += 1.0;
    }
    let total = first.len() as f64;
    let (mut disagreement, mut expected) = (0.0, 0.0);
    let scale = ((cats - 1).max(1) as f64).powi(2);
    for i in 0..cats {
        for j in 0..cats {
            let weight = (i as f64 - j as f64).powi(2) / scale;
            disagreement += weight * observed[i * cats + j];
            expected += weight * hist_first[i] * hist_second[j] / total;
        }
    }
    (expected > 0.0).then(|| 1.0 - disagreement / expected)
}

/// Cronbach's alpha of a candidates × items matrix (rows are candidates).
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 {
        return None;
    }
    let item_var: f64 = (0..k)
        .map(|i| variance(&rows.iter().map(|r| r[i]).collect::<Vec<_>>()).unwrap_or(0.0))
        .sum();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total_var = variance(&totals)?;
    (total_var > 0.0).then(|| k as f64 / (k - 1) as f64 * (1.0 - item_var / total_var))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn pearson_and_spearman_on_known_values() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert!(close(pearson(&x, &[2.0, 4.0, 6.0, 8.0, 10.0]), 1.0));
        assert!(close(pearson(&x, &[5.0, 4.0, 3.0, 2.0, 1.0]), -1.0));
        assert!(close(spearman(&x, &[1.0, 4.0, 9.0, 16.0, 25.0]), 1.0));
        assert_eq!(pearson(&x, &[1.0; 5]), None);
        // Equal scores that floating point does not make exactly equal are still constant:
        // 8.55 / 9 is 0.9500000000000001, and a variance test alone printed -0.00.
        assert!((8.55 / 9.0 - 0.95_f64).abs() > 0.0);
        assert_eq!(pearson(&x, &[8.55 / 9.0, 0.95, 0.95, 8.55 / 9.0, 0.95]), None);
        // `-0.0` is `0.0`: these human scores are constant, so Spearman is undefined.
        assert_eq!(spearman(&x, &[0.0, -0.0, 0.0, -0.0, 0.0]), None);
        assert_eq!(ranks(&[0.0, -0.0, 1.0]), [1.5, 1.5, 3.0]);
        // Ties get averaged ranks: ranks of [1, 2, 2, 3] are [1, 2.5, 2.5, 4].
        assert_eq!(ranks(&[1.0, 2.0, 2.0, 3.0]), [1.0, 2.5, 2.5, 4.0]);
    }

    #[test]
    fn kappa_is_one_for_agreement_and_lower_for_distance() {
        assert!(close(quadratic_kappa(&[0, 1, 2, 3], &[0, 1, 2, 3], 3), 1.0));
        let near = quadratic_kappa(&[0, 1, 2, 3], &[0, 1, 3, 3], 3).unwrap();
        let far = quadratic_kappa(&[0, 1, 2, 3], &[3, 2, 1, 0], 3).unwrap();
        assert!(near > 0.8 && near < 1.0, "{near}");
        assert!(far < 0.0, "{far}");
        // Worked example: 2 raters, 3 categories (checked by hand).
        let k = quadratic_kappa(&[0, 0, 1, 2], &[0, 1, 1, 2], 2).unwrap();
        assert!((k - 0.8).abs() < 1e-9, "{k}");
    }

    #[test]
    fn cronbach_alpha_on_a_known_matrix() {
        // Items perfectly parallel: alpha = 1.
        let rows = vec![vec![1.0, 1.0], vec![2.0, 2.0], vec![3.0, 3.0]];
        assert!(close(cronbach_alpha(&rows), 1.0));
        // Items uncorrelated with equal variance: alpha = 0.
        let rows = vec![vec![1.0, 1.0], vec![1.0, 2.0], vec![2.0, 1.0], vec![2.0, 2.0]];
        assert!(close(cronbach_alpha(&rows), 0.0));
    }
}
