//! Documents read against the template they were copied from: a pristine copy gets one notice;
//! a copy being filled gets each slot left and each weak line the author wrote, and nothing on
//! the template's guidance and examples; a copy filled well gets nothing. For the seeds' 1:1
//! template (matched by its headings and labels to the built-in `quarterly` one, with no
//! configuration), for three templates of other shapes given as a team's own
//! (`tests/fixtures/templates/`), and for every built-in template.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use goal_lint_core::analysis::{Template, TemplateSet};
use goal_lint_core::config::Settings;
use goal_lint_core::line_index::LineIndex;
use goal_lint_core::{Date, LintOptions, lint, outline};

fn options() -> LintOptions {
    LintOptions {
        today: Date::parse_iso("2027-01-10"),
    }
}

/// (line, rule name) of every finding.
fn findings(text: &str, settings: &Settings) -> Vec<(usize, String)> {
    let index = LineIndex::new(text);
    lint(text, settings, &options())
        .iter()
        .map(|d| (index.line_of(d.range.start) + 1, d.rule.name.to_string()))
        .collect()
}

/// The 1-based line of the first line of `text` containing `needle` (`needle#2`: the second).
fn line_of(text: &str, needle: &str) -> usize {
    let (needle, nth) = match needle.rsplit_once('#') {
        Some((n, k)) if k.parse::<usize>().is_ok() => (n, k.parse().unwrap()),
        _ => (needle, 1),
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("no line with {needle:?}"))
        .0
        + 1
}

fn seed_template() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let entry = std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("002_"))?;
    Some(std::fs::read_to_string(entry).unwrap())
}

/// Replace the first `from` (which must be there) with `to`.
fn fill(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the template has no {from:?}");
    text.replacen(from, to, 1)
}

const GOAL_SLOT: &str = "**Goal:** One liner - verb + noun + outcome\n   - **Why it matters:** Business or team impact in one sentence\n   - **Success looks like:** Number, shipped thing, or observable change";

/// The seed's template with the quarter, the person, goals 1 and 3, most actions and the
/// support requests filled in; goal 2 and one action of goal 1 left as the template has them.
fn partly_filled(seed: &str) -> String {
    let mut t = fill(seed, "**Quarter:** Q[X] 20XX", "**Quarter:** Q1 2027");
    t = fill(&t, "**Person:**\n", "**Person:** Dana Roy\n");
    t = fill(
        &t,
        GOAL_SLOT,
        "**Goal:** Work on payments\n   - **Why it matters:** Checkout errors cost us deals\n   - **Success looks like:** Payments are better",
    );
    t = fill(&t, &format!("2. {GOAL_SLOT}"), &format!("2. {GOAL_SLOT}"));
    t = t.replacen(
        &format!("3. {GOAL_SLOT}"),
        "3. **Goal:** Hire 2 backend engineers with start dates before April 1\n   - **Why it matters:** On-call needs six people\n   - **Success looks like:** 2 signed offers by Week 10",
        1,
    );
    t = fill(
        &t,
        "**Goal 1:**\n- Action 1 (Week X-Y or Month)\n- Action 2 (Week X-Y or Month)\n- Action 3 (Week X-Y or Month)",
        "**Goal 1:**\n- Map every checkout failure by cause (Week 1-2)\n- Action 2 (Week X-Y or Month)\n- Ship retries for card declines (Week 5-8)",
    );
    t = fill(
        &t,
        "**Goal 3:**\n- Action 1 (Week X-Y or Month)\n- Action 2 (Week X-Y or Month)\n- Action 3 (Week X-Y or Month)",
        "**Goal 3:**\n- Job description approved (Week 1)\n- First interviews done (Week 3-6)\n- Offers out (Week 8-10)",
    );
    fill(
        &t,
        "-\n-\n",
        "- More support\n- Budget approval for two contractor seats ($8K) by Week 2\n",
    )
}

#[test]
fn the_seed_one_on_one_template_pristine_gets_one_notice() {
    let Some(seed) = seed_template() else { return };
    let settings = Settings::default();
    assert_eq!(
        findings(&seed, &settings).len(),
        1,
        "{:?}",
        findings(&seed, &settings)
    );
    let understood = outline(&seed, &settings);
    assert!(
        understood.starts_with("kind: pristine template"),
        "{understood}"
    );
    assert!(understood.contains("template: quarterly"), "{understood}");
}

#[test]
fn the_seed_one_on_one_template_partly_filled_gets_each_slot_and_weak_line() {
    let Some(seed) = seed_template() else { return };
    let text = partly_filled(&seed);
    let found = findings(&text, &Settings::default());
    let goal2 = line_of(&text, "2. **Goal:** One liner");
    let mut expected = vec![
        (line_of(&text, "Work on payments"), "vague-goal".to_string()),
        (
            line_of(&text, "Payments are better"),
            "unmeasurable-success-metric".to_string(),
        ),
        (goal2, "unfilled-placeholder".to_string()),
        (goal2 + 1, "unfilled-placeholder".to_string()),
        (goal2 + 2, "unfilled-placeholder".to_string()),
        (
            line_of(&text, "- Action 2 (Week X-Y or Month)"),
            "unfilled-placeholder".to_string(),
        ),
        (
            line_of(&text, "- More support"),
            "vague-support-request".to_string(),
        ),
    ];
    // Goal 2's three actions, and the three career fields, still as the template has them.
    let goal2_actions = line_of(&text, "**Goal 2:**");
    for k in 1..=3 {
        expected.push((goal2_actions + k, "unfilled-placeholder".to_string()));
    }
    let career = line_of(&text, "I will be able to:** Specific capability");
    for k in 0..3 {
        expected.push((career + k, "unfilled-placeholder".to_string()));
    }
    expected.sort();
    let mut found_sorted = found.clone();
    found_sorted.sort();
    assert_eq!(
        found_sorted,
        expected,
        "{}",
        outline(&text, &Settings::default())
    );
    // The guidance and the worked example after the template are never judged.
    let example = line_of(&text, "## Example");
    assert!(found.iter().all(|(l, _)| *l < example));
}

#[test]
fn the_seed_one_on_one_template_filled_well_gets_nothing() {
    let Some(seed) = seed_template() else { return };
    let (template, _) = seed.split_once("## Example").unwrap();
    let mut t = partly_filled(template);
    t = t.replace(
        "**Goal:** Work on payments",
        "**Goal:** Ship payments v3 to all EU merchants",
    );
    t = t.replace(
        "**Success looks like:** Payments are better",
        "**Success looks like:** 100% of EU card payments on v3 by Week 12",
    );
    t = t.replacen(
        &format!("2. {GOAL_SLOT}"),
        "2. **Goal:** Publish the on-call handbook in the wiki\n   - **Why it matters:** New engineers join the rota in February\n   - **Success looks like:** Handbook reviewed by 3 on-call engineers by Week 6",
        1,
    );
    t = t.replace(
        "- Action 2 (Week X-Y or Month)\n- Ship retries",
        "- Fix the top 3 causes (Week 3-4)\n- Ship retries",
    );
    t = t.replacen(
        "**Goal 2:**\n- Action 1 (Week X-Y or Month)\n- Action 2 (Week X-Y or Month)\n- Action 3 (Week X-Y or Month)",
        "**Goal 2:**\n- Draft the handbook (Week 1-3)\n- Review with 3 engineers (Week 4-5)\n- Publish it (Week 6)",
        1,
    );
    t = t.replace(
        "- More support\n",
        "- Two hours a week of Sam's review time (Week 1-6)\n",
    );
    t = t.replace(
        "Specific capability you'll have",
        "Run a design review for 10 engineers without help",
    );
    t = t.replace(
        "The project, training, or practice that gets me there",
        "Lead the payments v3 design reviews (4 sessions)",
    );
    t = t.replace(
        "What I'll ship or do that proves I have this capability",
        "The v3 design approved with no major revision",
    );
    assert_eq!(findings(&t, &Settings::default()), vec![], "{t}");
}

/// The partly filled seed copy with the author's edits: guidance deleted, goals reordered, a
/// fourth goal block added, a heading renamed. Each is still read against the template.
#[test]
fn edited_copies_of_the_seed_template_are_still_matched() {
    let Some(seed) = seed_template() else { return };
    let base = partly_filled(&seed);
    let settings = Settings::default();
    let matched = |text: &str| {
        let understood = outline(text, &settings);
        assert!(understood.contains("template: quarterly"), "{understood}");
        assert!(understood.starts_with("kind: plan"), "{understood}");
    };
    // Guidance deleted: the paragraphs before the quarter line.
    let start = base.find("**What this is for:**").unwrap();
    let end = base.find("**Quarter:**").unwrap();
    let no_guidance = format!("{}{}", &base[..start], &base[end..]);
    matched(&no_guidance);
    assert!(
        findings(&no_guidance, &settings)
            .iter()
            .any(|(l, r)| *l == line_of(&no_guidance, "Work on payments") && r == "vague-goal")
    );
    // Renamed heading.
    let renamed = base.replace("### **Support Needed**", "### **What I need from you**");
    matched(&renamed);
    assert!(
        findings(&renamed, &settings)
            .iter()
            .any(|(l, r)| *l == line_of(&renamed, "- More support") && r == "vague-support-request")
    );
    // A fourth goal block added by copying the third: its vague goal is a goal.
    let fourth = base.replacen(
        "\n---\n\n### **Actions This Quarter**",
        "\n4. **Goal:** Help with hiring\n   - **Why it matters:** We are short-staffed\n   - **Success looks like:** The team feels less stretched\n\n---\n\n### **Actions This Quarter**",
        1,
    );
    matched(&fourth);
    assert!(
        findings(&fourth, &settings)
            .iter()
            .any(|(l, r)| *l == line_of(&fourth, "Help with hiring") && r == "vague-goal")
    );
    // Goals reordered: goal 3 moved first.
    let g1 = base.find("1. **Goal:** Work on payments").unwrap();
    let g3 = base.find("3. **Goal:** Hire").unwrap();
    let g3_end = g3 + base[g3..].find("\n\n").unwrap() + 2;
    let reordered = format!(
        "{}{}{}{}",
        &base[..g1],
        &base[g3..g3_end],
        &base[g1..g3],
        &base[g3_end..]
    );
    matched(&reordered);
    let found = findings(&reordered, &settings);
    assert!(
        found
            .iter()
            .any(|(l, r)| *l == line_of(&reordered, "Work on payments") && r == "vague-goal")
    );
    assert!(
        !found
            .iter()
            .any(|(l, _)| *l == line_of(&reordered, "Hire 2 backend engineers")),
        "{found:?}"
    );
}

/// `text` gets exactly the findings `expected` names: (a needle of its line, rule).
fn assert_findings(text: &str, settings: &Settings, expected: &[(&str, &str)], what: &str) {
    let mut want: Vec<(usize, String)> = expected
        .iter()
        .map(|(needle, rule)| (line_of(text, needle), rule.to_string()))
        .collect();
    want.sort();
    let mut found = findings(text, settings);
    found.sort();
    assert_eq!(found, want, "{what}:\n{}", outline(text, settings));
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/templates")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn team_template(name: &str) -> Arc<Template> {
    Arc::new(Template::parse(&format!("templates/{name}"), &read(name)).unwrap())
}

/// A team's template given by configuration (`template = "…"`), and the same template found
/// among others in a `templates` folder: the same findings either way.
fn settings_for(name: &str) -> [Settings; 2] {
    let mut forced = Settings::default();
    forced.templates = TemplateSet {
        forced: Some(team_template(name)),
        candidates: TemplateSet::builtin().candidates,
    };
    let mut folder = Settings::default();
    let mut candidates: Vec<Arc<Template>> = ["headings.md", "table.md", "okr-fields.md"]
        .iter()
        .map(|n| team_template(n))
        .collect();
    candidates.extend(TemplateSet::builtin().candidates);
    folder.templates = TemplateSet {
        forced: None,
        candidates,
    };
    [forced, folder]
}

/// The three states of a team template: pristine (one notice), partly filled (`expected`:
/// the line texts and rules), filled (nothing).
fn three_states(name: &str, expected: &[(&str, &str)]) {
    let stem = name.trim_end_matches(".md");
    for settings in settings_for(name) {
        let pristine = read(name);
        let found = findings(&pristine, &settings);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].1, "unfilled-placeholder");
        let understood = outline(&pristine, &settings);
        assert!(
            understood.starts_with("kind: pristine template"),
            "{understood}"
        );
        assert!(
            understood.contains(&format!("template: templates/{name}")),
            "{understood}"
        );

        let partial = read(&format!("{stem}-partial.md"));
        assert_findings(&partial, &settings, expected, &format!("{stem}-partial"));

        let filled = read(&format!("{stem}-filled.md"));
        assert_eq!(findings(&filled, &settings), vec![], "{stem}-filled");
    }
}

#[test]
fn a_team_template_with_goals_as_headings() {
    three_states(
        "headings.md",
        &[
            ("## Goal: Improve search", "vague-goal"),
            (
                "**Measure:** Search is better",
                "unmeasurable-success-metric",
            ),
            ("## Goal: [outcome", "unfilled-placeholder"),
            ("**Why:** [who", "unfilled-placeholder"),
            ("**Measure:** [number", "unfilled-placeholder"),
            ("**Owner:** [name]", "unfilled-placeholder"),
            ("- [what could stop us]", "unfilled-placeholder"),
        ],
    );
}

#[test]
fn a_team_template_with_goals_in_a_table() {
    three_states(
        "table.md",
        &[
            ("| Work on data quality | TBD", "unfilled-placeholder"),
            ("| [goal] |", "unfilled-placeholder"),
            ("- [anything the reviewer", "unfilled-placeholder"),
        ],
    );
}

#[test]
fn a_team_template_with_objective_and_kr_fields() {
    three_states(
        "okr-fields.md",
        &[
            (
                "KR: Improve the checkout experience",
                "unmeasurable-success-metric",
            ),
            ("Objective: [an ambitious", "unfilled-placeholder"),
            ("KR: [metric]", "unfilled-placeholder"),
            ("KR: [metric]#2", "unfilled-placeholder"),
            ("- [team or person", "unfilled-placeholder"),
        ],
    );
}

#[test]
fn every_builtin_template_pristine_is_one_notice_and_matched() {
    let settings = Settings::default();
    for (name, _, text) in goal_lint_core::templates::TEMPLATES {
        let found = findings(text, &settings);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        let understood = outline(text, &settings);
        assert!(
            understood.contains(&format!("template: {name}")),
            "{name}: {understood}"
        );
        assert!(
            understood.starts_with("kind: pristine template"),
            "{name}: {understood}"
        );
    }
}

#[test]
fn outline_shows_the_source_of_each_line() {
    let text = read("headings-partial.md");
    let [settings, _] = settings_for("headings.md");
    let understood = outline(&text, &settings);
    let goal1 = line_of(&text, "Goal: Improve search");
    let goal2 = line_of(&text, "## Goal: [outcome");
    let example = line_of(&text, "## Example");
    let says = |line: usize, source: &str| {
        understood.lines().any(|l| {
            let l = l.trim();
            l == format!("line {line}: {source}")
                || l.strip_prefix("lines ")
                    .and_then(|r| r.split_once(": "))
                    .is_some_and(|(range, s)| {
                        let (a, b) = range.split_once('-').unwrap();
                        s == source
                            && (a.parse::<usize>().unwrap()..=b.parse().unwrap()).contains(&line)
                    })
        })
    };
    assert!(says(goal1, "author"), "{understood}");
    assert!(says(goal2, "slot"), "{understood}");
    assert!(says(example + 3, "template"), "{understood}");
}

/// A copy of a built-in template with its front matter (`goal-lint: NAME`, as `goal-lint new`
/// writes it) and the same copy without it (matched by its headings and labels, where the
/// template has enough of them): partly filled, each slot left and each weak line the author
/// wrote; filled well, nothing.
fn builtin_states(name: &str, expected: &[(&str, &str)], matched_without_front_matter: bool) {
    let settings = Settings::default();
    let partial = read(&format!("builtin/{name}-partial.md"));
    let filled = read(&format!("builtin/{name}-filled.md"));
    let strip = |t: &str| {
        let rest = t.strip_prefix("---\n").unwrap();
        rest[rest.find("---\n").unwrap() + 4..].to_string()
    };
    for (with_front_matter, partial, filled) in [
        (true, partial.clone(), filled.clone()),
        (false, strip(&partial), strip(&filled)),
    ] {
        assert_findings(
            &partial,
            &settings,
            expected,
            &format!("{name}-partial (front matter: {with_front_matter})"),
        );
        let understood = outline(&partial, &settings);
        assert!(understood.starts_with("kind: plan"), "{understood}");
        if with_front_matter || matched_without_front_matter {
            assert!(
                understood.contains(&format!("template: {name}")),
                "{understood}"
            );
        }
        assert_eq!(
            findings(&filled, &settings),
            vec![],
            "{name}-filled (front matter: {with_front_matter})"
        );
    }
}

#[test]
fn the_builtin_quarterly_template_partly_and_fully_filled() {
    builtin_states(
        "quarterly",
        &[
            ("Work on onboarding", "vague-goal"),
            ("Onboarding is better", "unmeasurable-success-metric"),
            ("3. **Goal:** [verb", "unfilled-placeholder"),
            ("[impact on the business", "unfilled-placeholder"),
            ("[a number, a shipped", "unfilled-placeholder"),
            ("- Migrate recurring billing", "missing-week-range"),
            ("- [next step] (Week X-Y)", "unfilled-placeholder"),
            ("- [next step] (Week X-Y)#2", "unfilled-placeholder"),
            ("- [first step] (Week X-Y)", "unfilled-placeholder"),
            ("- [next step] (Week X-Y)#3", "unfilled-placeholder"),
            ("- Guidance and resources", "vague-support-request"),
            ("- [what, from whom", "unfilled-placeholder"),
            ("[the project, course or practice]", "unfilled-placeholder"),
        ],
        true,
    );
}

#[test]
fn the_builtin_okr_template_partly_and_fully_filled() {
    // Its skeleton (objectives, objective, KR) is too common to tell a copy by: without the
    // front matter a copy is read as any OKR page, with the same findings.
    builtin_states(
        "okr",
        &[
            (
                "Improve the checkout experience",
                "unmeasurable-success-metric",
            ),
            ("[a qualitative, inspiring", "unfilled-placeholder"),
            ("[metric] from [baseline]", "unfilled-placeholder"),
            ("[deliverable] shipped", "unfilled-placeholder"),
        ],
        false,
    );
}

#[test]
fn the_builtin_planning_review_template_partly_and_fully_filled() {
    builtin_states(
        "planning-review",
        &[
            ("[how the product serves", "unfilled-placeholder"),
            ("**Goal:** Improve search", "vague-goal"),
            ("[a number, a shipped", "unfilled-placeholder"),
            ("[risk, and its mitigation]", "unfilled-placeholder"),
        ],
        true,
    );
}

#[test]
fn the_builtin_career_plan_template_partly_and_fully_filled() {
    builtin_states(
        "career-plan",
        &[
            ("Get better at system design", "vague-capability"),
            ("[the project, course or practice]", "unfilled-placeholder"),
            ("[what you will ship or do]", "unfilled-placeholder"),
            ("[next step] (Month 2)", "unfilled-placeholder"),
        ],
        true,
    );
}

/// A copy is held to its template's shape: the fields its goals have, the timing its actions
/// carry and the goal limit its guidance states, even where the author dropped them all; and a
/// fix writes the template's own label and slot.
#[test]
fn a_copy_is_held_to_its_templates_schema_and_fixed_in_its_words() {
    let template = Arc::new(
        Template::parse(
            "templates/half.md",
            "# Team goals, [half]\n\nChoose no more than 2 goals for the half.\n\n## Goals\n\n\
             1. **Goal:** [outcome the team will deliver]\n\
             \x20  - **Why:** [who benefits and how]\n\
             \x20  - **Measure:** [number or shipped thing]\n\n\
             ## Actions\n\n- [step] (Week X-Y or Month)\n",
        )
        .unwrap(),
    );
    let copy = "# Team goals, H1 2027\n\n## Goals\n\n\
                1. **Goal:** Move billing to the new cluster\n\
                \x20  - **Why:** The old cluster loses vendor support in June\n\
                2. **Goal:** Publish the API reference for every public endpoint\n\
                \x20  - **Why:** Partners ask support for it every week\n\
                3. **Goal:** Replace the legacy login page with the new sign-in flow\n\
                \x20  - **Why:** The old page cannot do single sign-on\n\n\
                ## Actions\n\n- Book the cluster migration window\n";
    let mut settings = Settings::default();
    settings.templates = TemplateSet {
        forced: Some(template),
        candidates: TemplateSet::builtin().candidates,
    };
    let diags = lint(copy, &settings, &options());
    let index = LineIndex::new(copy);
    let mut found: Vec<(usize, &str)> = diags
        .iter()
        .map(|d| (index.line_of(d.range.start) + 1, d.rule.name))
        .collect();
    found.sort();
    let mut want = vec![
        (line_of(copy, "Move billing"), "missing-success-metric"),
        (line_of(copy, "Publish the API"), "missing-success-metric"),
        (
            line_of(copy, "Replace the legacy"),
            "missing-success-metric",
        ),
        (line_of(copy, "- Book the cluster"), "missing-week-range"),
        // Three goals where the template's guidance says two.
        (line_of(copy, "## Goals"), "too-many-goals"),
    ];
    want.sort();
    assert_eq!(found, want, "{}", outline(copy, &settings));
    let fix_text = |rule: &str| {
        let d = diags.iter().find(|d| d.rule.name == rule).unwrap();
        d.fixes[0].edits[0].text.clone()
    };
    assert!(
        fix_text("missing-success-metric").contains("**Measure:** [number or shipped thing]"),
        "{}",
        fix_text("missing-success-metric")
    );
    assert_eq!(fix_text("missing-week-range"), " (Week X-Y or Month)");

    // Without the template the same text follows no convention of fields or timing.
    let plain: Vec<&str> = lint(copy, &Settings::default(), &options())
        .iter()
        .map(|d| d.rule.name)
        .collect();
    assert!(
        !plain.contains(&"missing-success-metric") && !plain.contains(&"missing-week-range"),
        "{plain:?}"
    );
}

/// The rewrite of a vague goal or an unmeasurable field of a copy offers the template's own
/// prompt for it: the team's wording comes back, not goal-lint's.
#[test]
fn a_vague_line_of_a_copy_can_go_back_to_its_templates_prompt() {
    let settings = Settings::default();
    let text = read("builtin/quarterly-partial.md");
    let diags = lint(&text, &settings, &options());
    let prompt = |rule: &str| {
        let d = diags.iter().find(|d| d.rule.name == rule).unwrap();
        d.fixes
            .iter()
            .find(|f| f.title == "Rewrite from the template's prompt")
            .map(|f| {
                let e = &f.edits[0];
                (text[e.range.as_range()].to_string(), e.text.clone())
            })
    };
    assert_eq!(
        prompt("vague-goal"),
        Some((
            "Work on onboarding".to_string(),
            "[verb + thing + outcome]".to_string()
        ))
    );
    assert_eq!(
        prompt("unmeasurable-success-metric"),
        Some((
            "Onboarding is better".to_string(),
            "[a number, a shipped thing or a visible change]".to_string()
        ))
    );
    // Not a copy of any template: only goal-lint's own rewrite.
    let plain = "# Q3 goals\n\n## Goals\n\n- **Goal:** Work on onboarding\n  - **Success looks like:** Onboarding is better\n";
    for d in lint(plain, &settings, &options()) {
        assert!(
            d.fixes
                .iter()
                .all(|f| f.title != "Rewrite from the template's prompt"),
            "{d:?}"
        );
    }
}

/// A copy keeps its template's sections: one dropped is reported once, on line 1; one renamed
/// (a heading of the author's own stands where it was) is not said to be missing.
#[test]
fn a_copy_that_drops_a_templates_section_is_told() {
    let [settings, _] = settings_for("headings.md");
    let filled = read("headings-filled.md");
    assert!(filled.contains("## Risks"), "{filled}");
    let start = filled.find("## Risks").unwrap();
    let end = filled[start..]
        .find("\n## ")
        .map_or(filled.len(), |i| start + i + 1);
    let dropped = format!("{}{}", &filled[..start], &filled[end..]);
    let diags = lint(&dropped, &settings, &options());
    let missing: Vec<_> = diags
        .iter()
        .filter(|d| d.rule.name == "missing-required-section")
        .collect();
    assert_eq!(missing.len(), 1, "{diags:?}");
    assert!(
        missing[0].message.contains("\"Risks\""),
        "{}",
        missing[0].message
    );
    assert_eq!(missing[0].range.start, 0);

    let renamed = filled.replace("## Risks", "## What could go wrong");
    assert_eq!(findings(&renamed, &settings), vec![], "{renamed}");
    assert_eq!(findings(&filled, &settings), vec![]);
}

/// The template a document names is a Markdown path; a site generator's layout under the same
/// key is not one.
#[test]
fn a_front_matter_template_is_a_markdown_path() {
    use goal_lint_core::model::front_matter_template;
    for (text, named) in [
        (
            "---\ntemplate: ../templates/1on1.md\n---\n# Plan\n",
            Some("../templates/1on1.md"),
        ),
        (
            "---\ntemplate: \"t/Team.Markdown\"\n---\n",
            Some("t/Team.Markdown"),
        ),
        ("---\ntemplate: BlogPost\n---\n# Plan\n", None),
        ("---\ntemplate: post.html\n---\n", None),
        ("# Plan\n\ntemplate: a.md\n", None),
    ] {
        assert_eq!(front_matter_template(text).as_deref(), named, "{text:?}");
    }
}
