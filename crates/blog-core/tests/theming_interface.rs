//! The stylesheet's custom properties are the blogs' theming interface (`public/custom.css`):
//! each one the stylesheet declares is documented in the README's table, and the table
//! names none it does not declare.

use std::path::Path;

#[test]
fn every_custom_property_of_the_stylesheet_is_in_the_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let css = std::fs::read_to_string(root.join("public/style.css")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = css
        .split_once(":root {")
        .and_then(|(_, rest)| rest.split_once('}'))
        .map(|(block, _)| block)
        .expect("a :root block");
    let declared: Vec<&str> = block
        .lines()
        .filter_map(|line| line.trim().strip_prefix("--"))
        .filter_map(|line| line.split_once(':'))
        .map(|(name, _)| name)
        .collect();
    assert!(declared.len() > 10, "{declared:?}");
    let table = readme
        .split_once("| property | default")
        .and_then(|(_, rest)| rest.split_once("\n\n"))
        .map(|(table, _)| table)
        .expect("the README's theming table");
    for name in &declared {
        let spaced = name.strip_prefix("space-").is_some();
        let documented = table.contains(&format!("`--{name}`"))
            || spaced && table.contains("`--space-1` … `--space-6`");
        assert!(documented, "--{name} is not in the README's theming table");
    }
    for row in table.lines().skip(2) {
        for name in row
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|n| n.starts_with("--"))
        {
            let name = name.trim_start_matches("--");
            assert!(
                declared.contains(&name) || name.starts_with("space-"),
                "the README documents --{name}, which style.css does not declare"
            );
        }
    }
}
