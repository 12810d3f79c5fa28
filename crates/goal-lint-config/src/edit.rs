//! Edits of a `goal-lint.toml`'s text that an editor offers (the language server's "add this
//! rule to `ignore`"): the smallest insertion that keeps the rest of the file as written, its
//! comments, layout and line endings.

use goal_lint_core::{Edit, TextRange};

/// The file an editor creates when there is none: the key alone.
pub fn new_ignore_file(rule: &str) -> String {
    format!("ignore = [{}]\n", quoted(rule))
}

/// The edit that adds `rule` to the top-level `ignore` array of `source`: after its last
/// element, into an empty array, or as a new `ignore = [...]` line at the top of the file
/// (before any table). `Ok(None)` when the array already names it; an error when `source`
/// does not parse or `ignore` is not an array (nothing is offered then).
pub fn add_to_ignore(source: &str, rule: &str) -> Result<Option<Edit>, String> {
    let doc = toml::de::DeTable::parse(source).map_err(|e| e.to_string())?;
    let eol = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let Some((_, value)) = doc.get_ref().iter().find(|(k, _)| k.get_ref() == "ignore") else {
        let at = usize::from(source.starts_with('\u{feff}')) * 3;
        return Ok(Some(Edit::insert(
            at,
            format!("ignore = [{}]{eol}", quoted(rule)),
        )));
    };
    let Some(array) = value.get_ref().as_array() else {
        return Err("`ignore` is not an array".into());
    };
    if array
        .iter()
        .any(|v| v.get_ref().as_str().is_some_and(|s| s == rule))
    {
        return Ok(None);
    }
    let edit = match array.iter().last() {
        Some(last) => Edit::insert(last.span().end, format!(", {}", quoted(rule))),
        None => {
            // Just inside the `[` of an empty array.
            let open = value.span().start;
            let at = open + source[open..].find('[').ok_or("`ignore` has no `[`")? + 1;
            Edit::insert(at, quoted(rule))
        }
    };
    Ok(Some(edit))
}

fn quoted(rule: &str) -> String {
    format!("\"{}\"", rule.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `source` with `edit` applied (for callers that write the file, and the tests).
pub fn apply(source: &str, edit: &Edit) -> String {
    let TextRange { start, end } = edit.range;
    format!("{}{}{}", &source[..start], edit.text, &source[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(source: &str) -> String {
        let edit = add_to_ignore(source, "vague-goal").unwrap().unwrap();
        let after = apply(source, &edit);
        let config = goal_lint_core::Config::from_toml(&after)
            .unwrap_or_else(|e| panic!("{after:?} does not parse: {e:?}"));
        assert!(config.ignore.iter().any(|r| r == "vague-goal"), "{after:?}");
        after
    }

    #[test]
    fn appended_to_an_existing_array_keeping_the_file() {
        assert_eq!(
            added("# team\nignore = [\"GL004\"]  # why\n\n[severity]\nGL001 = \"error\"\n"),
            "# team\nignore = [\"GL004\", \"vague-goal\"]  # why\n\n[severity]\nGL001 = \"error\"\n"
        );
        assert_eq!(
            added("ignore = [\r\n  \"GL004\", # why\r\n]\r\n"),
            "ignore = [\r\n  \"GL004\", \"vague-goal\", # why\r\n]\r\n"
        );
        assert_eq!(added("ignore = [ ]\n"), "ignore = [\"vague-goal\" ]\n");
    }

    #[test]
    fn a_new_key_goes_before_any_table() {
        assert_eq!(
            added("[severity]\r\nGL001 = \"error\"\r\n"),
            "ignore = [\"vague-goal\"]\r\n[severity]\r\nGL001 = \"error\"\r\n"
        );
        assert_eq!(added(""), "ignore = [\"vague-goal\"]\n");
        assert_eq!(new_ignore_file("vague-goal"), "ignore = [\"vague-goal\"]\n");
    }

    #[test]
    fn nothing_when_named_already_or_unreadable() {
        assert_eq!(
            add_to_ignore("ignore = [\"vague-goal\"]\n", "vague-goal"),
            Ok(None)
        );
        assert!(add_to_ignore("ignore = [\n", "vague-goal").is_err());
        assert!(add_to_ignore("ignore = \"GL001\"\n", "vague-goal").is_err());
    }
}
