//! The `[mutate]` table of `qbank.toml`: `operators`, `salad-max` and `break`, each checked for
//! type and range with the same kind of messages as `[lint]`.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::config_file::{MUTATE_KEYS, Problem, describe, in_file_order, number, unknown_key_in};
use crate::diagnostics::did_you_mean;
use crate::mutate::{Operator, Settings};

/// Reads the keys of the `[mutate]` table into `settings`.
pub(super) fn read(table: &DeTable<'_>, settings: &mut Settings) -> Result<(), Problem> {
    for (key, value) in in_file_order(table) {
        match key.get_ref().as_ref() {
            "operators" => settings.operators = operators(value)?,
            "salad-max" => settings.salad_max = number_in("salad-max", value, 1.0)?,
            "break" => settings.break_below = Some(number_in("break", value, 100.0)?),
            _ => return Err(unknown_key_in("mutate", MUTATE_KEYS, key)),
        }
    }
    Ok(())
}

/// A list of operator names, each known; kept in report order whatever the file's order.
fn operators(value: &Spanned<DeValue<'_>>) -> Result<Vec<Operator>, Problem> {
    let DeValue::Array(items) = value.get_ref() else {
        return Err(Problem::at(
            value.span(),
            format!(
                "`operators` must be a list of operator names, such as [\"salad\", \"swap\"], not {}",
                describe(value.get_ref())
            ),
        ));
    };
    let mut chosen = Vec::new();
    for item in items {
        let DeValue::String(name) = item.get_ref() else {
            return Err(Problem::at(
                item.span(),
                format!("`operators` lists names, not {}", describe(item.get_ref())),
            ));
        };
        let Some(op) = Operator::from_name(name) else {
            let names = Operator::ALL.map(Operator::name);
            let message = match did_you_mean(name, names) {
                Some(hint) => format!("unknown operator `{name}`; did you mean `{hint}`?"),
                None => {
                    format!("unknown operator `{name}`; the operators are {}", names.join(", "))
                }
            };
            return Err(Problem::at(item.span(), message));
        };
        chosen.push(op);
    }
    Ok(Operator::ALL.into_iter().filter(|op| chosen.contains(op)).collect())
}

/// A number from 0 to `most`.
fn number_in(key: &str, value: &Spanned<DeValue<'_>>, most: f64) -> Result<f64, Problem> {
    number(value.get_ref()).filter(|x| (0.0..=most).contains(x)).ok_or_else(|| {
        Problem::at(
            value.span(),
            format!("`{key}` must be a number from 0 to {most}, not {}", describe(value.get_ref())),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::config_file::parse;
    use super::*;

    #[test]
    fn the_mutate_table_is_read() {
        let settings =
            parse("[mutate]\noperators = [\"swap\", \"salad\"]\nsalad-max = 0\nbreak = 60\n")
                .unwrap();
        let m = settings.options.mutate;
        assert_eq!(m.operators, [Operator::Salad, Operator::Swap], "report order");
        assert!(m.salad_max.abs() < f64::EPSILON);
        assert_eq!(m.break_below, Some(60.0));
        assert_eq!(parse("").unwrap().options.mutate, Settings::default());
    }

    #[test]
    fn mistakes_name_the_key_and_what_it_takes() {
        let problem = |text: &str| parse(text).unwrap_err().message;
        assert_eq!(
            problem("[mutate]\noperators = [\"sallad\"]\n"),
            "unknown operator `sallad`; did you mean `salad`?"
        );
        assert_eq!(
            problem("[mutate]\nsalad-max = 1.5\n"),
            "`salad-max` must be a number from 0 to 1, not 1.5"
        );
        assert_eq!(
            problem("[mutate]\nbreak = -1\n"),
            "`break` must be a number from 0 to 100, not -1"
        );
        assert_eq!(
            problem("[mutate]\nbreaks = 50\n"),
            "unknown key `breaks` in `[mutate]`; did you mean `break`?"
        );
        assert_eq!(
            problem("[mutate]\noperators = \"salad\"\n"),
            "`operators` must be a list of operator names, such as [\"salad\", \"swap\"], not the text \"salad\""
        );
    }
}
