//! What the fitted models (`kind.rs`, `role.rs`) share: features standardised by the mean and
//! spread of the data they were fitted on (the first feature is the bias, always 1), and the
//! weights file that holds them (`feature mean sd w…`, one row per feature, a header first).

/// Per feature, the mean and standard deviation it is standardised with.
pub type Scale = Vec<(f64, f64)>;

/// Feature `i` of value `x`, standardised (the bias stays 1).
pub fn standard(scale: &Scale, i: usize, x: f64) -> f64 {
    if i == 0 {
        return 1.0;
    }
    let (mean, sd) = scale.get(i).copied().unwrap_or((0.0, 1.0));
    (x - mean) / sd
}

/// The scale of `rows` (each `d` features long) and the rows standardised by it.
pub fn standardise<'a>(
    rows: impl Iterator<Item = &'a [f64]> + Clone,
    d: usize,
) -> (Scale, Vec<Vec<f64>>) {
    let n = rows.clone().count().max(1) as f64;
    let mut scale = vec![(0.0, 1.0); d];
    for (j, s) in scale.iter_mut().enumerate().skip(1) {
        let mean = rows.clone().map(|f| f[j]).sum::<f64>() / n;
        let var = rows.clone().map(|f| (f[j] - mean).powi(2)).sum::<f64>() / n;
        *s = (mean, var.sqrt().max(1e-6));
    }
    let xs = rows
        .map(|f| (0..d).map(|j| standard(&scale, j, f[j])).collect())
        .collect();
    (scale, xs)
}

/// Read a weights file: a header, then `feature mean sd` and `outputs` weights per feature, the
/// features named `names` in that order. Returns the scale and each feature's weights.
pub fn parse_weights(
    text: &str,
    names: &[&str],
    outputs: usize,
) -> Result<(Scale, Vec<Vec<f64>>), String> {
    let mut scale = Vec::new();
    let mut weights = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let expected = names.get(scale.len()).copied().unwrap_or("(none)");
        if cells.len() != 3 + outputs || cells[0] != expected {
            return Err(format!(
                "line {}: expected feature `{expected}` and {} numbers",
                n + 1,
                2 + outputs
            ));
        }
        let num = |i: usize| {
            cells[i]
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("line {}: `{}` is not a number", n + 1, cells[i]))
        };
        scale.push((num(1)?, num(2)?.max(1e-9)));
        weights.push((3..3 + outputs).map(num).collect::<Result<Vec<f64>, _>>()?);
    }
    if scale.len() != names.len() {
        return Err(format!(
            "{} features, expected {}",
            scale.len(),
            names.len()
        ));
    }
    Ok((scale, weights))
}

/// The weights file of a model: `header` names the output columns.
pub fn weights_tsv(header: &[&str], names: &[&str], scale: &Scale, weights: &[Vec<f64>]) -> String {
    let mut out = format!("feature\tmean\tsd\t{}\n", header.join("\t"));
    for (i, name) in names.iter().enumerate() {
        let (m, s) = scale[i];
        out.push_str(&format!("{name}\t{m:.6}\t{s:.6}"));
        for w in &weights[i] {
            out.push_str(&format!("\t{w:.6}"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standardising_centres_and_scales_every_feature_but_the_bias() {
        let rows = [vec![1.0, 2.0], vec![1.0, 4.0]];
        let (scale, xs) = standardise(rows.iter().map(Vec::as_slice), 2);
        assert_eq!(scale[1], (3.0, 1.0));
        assert_eq!(xs, [vec![1.0, -1.0], vec![1.0, 1.0]]);
    }

    #[test]
    fn weights_written_read_back_and_malformed_files_are_errors() {
        let names = ["bias", "a"];
        let scale = vec![(0.0, 1.0), (2.5, 0.5)];
        let weights = vec![vec![0.25, -1.0], vec![1.5, 2.0]];
        let text = weights_tsv(&["x", "y"], &names, &scale, &weights);
        assert_eq!(parse_weights(&text, &names, 2), Ok((scale, weights)));
        assert!(
            parse_weights(&text, &names, 1).is_err(),
            "a column too many"
        );
        assert!(
            parse_weights(&text, &["bias"], 2).is_err(),
            "a feature too many"
        );
        assert!(parse_weights("h\nbias\t0\t1\tNaN\n", &["bias"], 1).is_err());
    }
}
