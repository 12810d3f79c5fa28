//! Whole documents of each shape that real goal documents take (`fixtures/documents/`): what
//! kind the document is judged to be, and every finding it gets. A guide or a report gets
//! nothing; a pristine template one notice; an archive no overdue nagging; structure decides
//! which lines are goals.

use goal_lint_core::config::Settings;
use goal_lint_core::line_index::LineIndex;
use goal_lint_core::{Date, LintOptions, lint, outline};

/// What goal-lint understood of a file (its outline) and what it found, as (line, rule).
fn understand(path: &str) -> (String, Vec<(usize, String)>) {
    let text = std::fs::read_to_string(path).unwrap();
    let settings = Settings::default();
    let options = LintOptions {
        today: Date::parse_iso("2026-11-30"),
    };
    let index = LineIndex::new(&text);
    let found = lint(&text, &settings, &options)
        .iter()
        .map(|d| (index.line_of(d.range.start) + 1, d.rule.name.to_string()))
        .collect();
    (outline(&text, &settings), found)
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/documents/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The kind of entry the outline shows on each line, as (line, kind).
fn check_entries(name: &str, expected: &[(usize, &str)]) {
    let (understood, _) = understand(&fixture(name));
    for (line, kind) in expected {
        let found = understood.lines().any(|l| {
            let mut words = l.split_whitespace();
            words.next() == Some(kind) && words.next() == Some(&line.to_string())
        });
        assert!(
            found,
            "{name}: expected a {kind} on line {line}:\n{understood}"
        );
    }
}

/// The lines the outline reads as goals, with the outline for messages.
fn goal_lines(name: &str) -> (Vec<usize>, String) {
    let (understood, _) = understand(&fixture(name));
    let lines = understood
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix("goal ")?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .collect();
    (lines, understood)
}

fn check(name: &str, kind: &str, expected: &[(usize, &str)]) {
    let (understood, got) = understand(&fixture(name));
    assert!(
        understood.starts_with(&format!("kind: {kind}\n")),
        "{name}: expected kind {kind}, got:\n{understood}"
    );
    let expected: Vec<(usize, String)> = expected
        .iter()
        .map(|(l, r)| (*l, (*r).to_string()))
        .collect();
    assert_eq!(got, expected, "{name}:\n{understood}");
}

/// A titled item whose lines are labelled fields: the `Objective:` line is the objective
/// (judged), wrapped onto the next line as one entry; the `Action:` line is not judged.
#[test]
fn an_objective_line_under_a_titled_item_is_judged_whole() {
    let name = "titled-items-with-objective-lines.md";
    check(name, "plan", &[(6, "vague-goal")]);
    check_entries(
        name,
        &[(6, "objective"), (11, "objective"), (16, "objective")],
    );
    let (understood, _) = understand(&fixture(name));
    assert!(
        understood.contains("\"Get better at finding the cause of failing tests.\""),
        "{understood}"
    );
    assert!(!understood.contains(" 7 "), "{understood}");
}

/// In a paragraph of key results, an unlabelled line is an objective even in lower case: it
/// does not continue the key result above it.
#[test]
fn a_lower_case_objective_after_key_results_stays_an_objective() {
    let name = "kr-paragraph-with-lowercase-objective.md";
    check(name, "plan", &[(8, "objective-without-key-results")]);
    check_entries(
        name,
        &[(5, "objective"), (7, "key-result"), (8, "objective")],
    );
}

#[test]
fn a_guide_about_goals_gets_nothing() {
    check("guide-how-to-write-goals.md", "not a plan (guide)", &[]);
}

#[test]
fn a_report_gets_nothing() {
    check("report-quarter-review.md", "not a plan (report)", &[]);
    check("retrospective-in-prose.md", "not a plan (report)", &[]);
    // A title reviewing goals ("2024-2025 goals review") names a report too.
    check("goals-review-title.md", "not a plan (report)", &[]);
    // So does a group's meeting record; notes of a 1:1 hold the author's own goals.
    check("meeting-minutes.md", "not a plan (report)", &[]);
    check("one-on-one-notes.md", "plan", &[(5, "vague-goal")]);
}

/// A list introduced as what was already done ("Here's what I've done to …:") reports results:
/// its entries are neither judged nor counted against the goal limit; the goals after it are.
#[test]
fn a_list_of_what_was_done_is_not_goals() {
    check("done-list-before-goals.md", "plan", &[(16, "vague-goal")]);
}

/// A title that reviews a year and names the next one's goals is a plan; its section of goals
/// achieved holds results (not counted against the goal limit, not judged), and the goals
/// ahead are judged (a walk due by a September now past is overdue).
#[test]
fn a_review_followed_by_next_goals_is_a_plan() {
    check(
        "review-then-next-goals.md",
        "plan",
        &[(18, "overdue"), (19, "vague-goal")],
    );
}

#[test]
fn the_goals_of_a_design_document_or_a_readme_are_not_a_plan() {
    check(
        "design-doc-goals-and-non-goals.md",
        "not a plan (design document)",
        &[],
    );
    check(
        "readme-project-goals.md",
        "not a plan (design document)",
        &[],
    );
}

#[test]
fn sections_about_writing_objectives_are_advice_not_goals() {
    let (understood, found) = understand(&fixture("process-steps-about-objectives.md"));
    assert_eq!(found, vec![], "{understood}");
}

#[test]
fn the_aims_on_a_team_page_are_not_a_plan() {
    check("team-page-goals.md", "not a plan (team page)", &[]);
    // A working group's page: its standing goals beside its governance and chairs.
    check("working-group-page.md", "not a plan (team page)", &[]);
}

#[test]
fn key_result_headings_belong_to_the_objective_heading_above() {
    // O2 (8) has its key result as a sub-heading: it is not judged as a bare goal. The vague
    // key result (6) is reported as one.
    check(
        "okr-headings-nested.md",
        "plan",
        &[(6, "unmeasurable-success-metric")],
    );
}

#[test]
fn day_spans_under_a_plan_title_hold_its_goals() {
    check(
        "onboarding-day-spans.md",
        "plan",
        &[(6, "vague-goal"), (12, "vague-goal")],
    );
}

#[test]
fn a_heading_goal_with_owner_due_and_status_lines_is_a_goal() {
    // Line 5: the status says open, the due date has passed. Line 12: a goal without the
    // success line the plan's goals carry. Line 17: the heading is the goal (its fields
    // follow) and it is vague. Line 22: "Reliability" groups goals; its vague item is judged on
    // its own line (24).
    check(
        "heading-goals-with-metadata-lines.md",
        "plan",
        &[
            (5, "overdue"),
            (12, "missing-success-metric"),
            (17, "vague-goal"),
            (24, "vague-goal"),
        ],
    );
}

#[test]
fn a_score_after_a_week_is_not_a_week_range() {
    check("scored-key-results.md", "plan", &[]);
}

#[test]
fn a_list_right_after_an_objective_paragraph_is_its_key_results() {
    // The objectives (4, 10) are qualitative by design: their lists measure them. The vague key
    // result (7) is reported as one. The last objective introduces its list itself ("What we
    // will do:"), so the list is not read as its key results.
    check(
        "objective-paragraphs-over-lists.md",
        "plan",
        &[(7, "unmeasurable-success-metric")],
    );
}

#[test]
fn a_development_plan_in_lists() {
    // A credential and a role are done once held (4, 6); a quality wished for is not (5). The
    // support section asks for one concrete thing and one vague one (10). One action of an
    // action plan whose other actions are timed has no timing (15).
    check(
        "development-plan-lists.md",
        "plan",
        &[
            (5, "vague-capability"),
            (10, "vague-support-request"),
            (15, "missing-week-range"),
        ],
    );
}

#[test]
fn a_pristine_template_gets_one_notice() {
    check(
        "pristine-template.md",
        "pristine template",
        &[(1, "unfilled-placeholder")],
    );
}

#[test]
fn italic_instructions_are_template_slots() {
    check(
        "pristine-template-italic-prompts.md",
        "pristine template",
        &[(4, "unfilled-placeholder")],
    );
}

/// Prompts in angle brackets (`<YOUR NAME>`, `<List three steps …>`) and questions in
/// parentheses after a label (`**Measurable** (How will you know …?)`) are slots too.
#[test]
fn angle_bracket_and_question_prompts_are_template_slots() {
    check(
        "pristine-template-angle-and-question-prompts.md",
        "pristine template",
        &[(1, "unfilled-placeholder")],
    );
}

/// A form whose headings have nothing under them (or only a comment for whoever fills it in)
/// is a template; a plan with a few empty sections beside its goals is still a plan.
#[test]
fn blank_sections_of_a_form_are_template_slots() {
    check(
        "form-of-blank-sections.md",
        "pristine template",
        &[(5, "unfilled-placeholder")],
    );
    check("plan-with-empty-sections.md", "plan", &[]);
}

/// "How:" beside a goal's "Why:" heads the way it will be done, as "Actions:" does: not an
/// empty key result.
#[test]
fn a_how_label_heads_the_goals_actions() {
    check_entries("goal-with-why-and-how.md", &[(6, "why"), (7, "header")]);
    check("goal-with-why-and-how.md", "plan", &[]);
}

/// An objective stated as a field of its heading's section has the key results of the
/// sub-headings below it: not vague, and its siblings' convention applies to the one without
/// any. A label left empty with the same field restated on the next line is not a blank field.
#[test]
fn key_results_under_sub_headings_belong_to_the_objective_field_above() {
    check_entries(
        "objective-fields-with-key-result-headings.md",
        &[(4, "objective"), (7, "key-result"), (11, "key-result")],
    );
    check(
        "objective-fields-with-key-result-headings.md",
        "plan",
        &[(14, "objective-without-key-results")],
    );
}

/// A page whose sections explain goal setting ("What are OKRs", "Keys to OKRs") is a guide:
/// its bold maxims are advice, not objectives.
#[test]
fn a_page_explaining_okrs_is_a_guide() {
    check("okr-explainer.md", "not a plan (guide)", &[]);
    // One such section ("How to use these OKRs") beside the objectives is a note in a plan.
    check("okrs-with-a-how-to-section.md", "plan", &[]);
}

/// A title that names a template settles a template whose prompts are prose (no marked
/// slots) when the fitted model finds it most like one: one notice, on line 1. A plan written
/// under such a title is still a plan.
#[test]
fn a_titled_template_is_a_template_even_without_marked_slots() {
    check(
        "titled-template-with-prose-prompts.md",
        "pristine template",
        &[(1, "unfilled-placeholder")],
    );
    check("plan-written-in-a-titled-template.md", "plan", &[]);
    // No heading names goals, but the title names a template of a plan (a weekly sync's).
    check(
        "titled-template-without-goal-headings.md",
        "pristine template",
        &[(1, "unfilled-placeholder")],
    );
    // A template of something else than a plan is not read at all.
    let (understood, found) = understand(&fixture("pull-request-template.md"));
    assert!(
        understood.starts_with("goal document: false"),
        "{understood}"
    );
    assert!(found.is_empty(), "{found:?}");
}

/// A title naming goals and their period ("Goals for 2027") is an exact signal the fitted
/// model's weaker ones do not overrule: with a model that would silence both posts, the one
/// so titled stays a plan, the other does not.
#[test]
fn a_title_naming_goals_for_a_period_is_not_silenced_by_the_fitted_model() {
    let mut model = (*goal_lint_core::analysis::kind::shipped_model()).clone();
    model.not_a_plan_min = 0.3;
    let mut settings = Settings::default();
    settings.kind_model = Some(std::sync::Arc::new(model));
    let kind = |name: &str| {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        outline(&text, &settings)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(kind("goals-post-addressing-the-reader.md"), "kind: plan");
    assert!(
        kind("goals-post-with-no-period.md").starts_with("kind: not a plan"),
        "{}",
        kind("goals-post-with-no-period.md")
    );
}

/// A numbered list whose items open with a heading (`1. ### Run the series`, as wiki exports
/// write them): each heading is its item's text, and the list under it the item's own.
#[test]
fn a_heading_opening_a_list_item_is_the_items_text() {
    check_entries(
        "goals-as-headings-in-a-numbered-list.md",
        &[(5, "goal"), (8, "goal")],
    );
    check("goals-as-headings-in-a-numbered-list.md", "plan", &[]);
}

#[test]
fn an_archive_is_not_nagged_about_deadlines() {
    check("archive-open-boxes.md", "plan", &[]);
}

#[test]
fn period_headings_under_a_goal_title_hold_goals() {
    check(
        "period-headings-under-goal-title.md",
        "plan",
        &[(7, "vague-goal"), (13, "vague-goal")],
    );
}

#[test]
fn key_results_that_were_not_read_are_not_called_missing() {
    check("objective-with-unread-key-results.md", "plan", &[]);
}

#[test]
fn theme_headings_are_not_judged_as_goals() {
    check("theme-headings.md", "plan", &[]);
}

#[test]
fn a_heading_stating_a_goal_holds_its_steps_and_a_theme_holds_goals() {
    // Under a theme heading each item is a goal and is judged; under a heading that states a
    // concrete goal the items are its steps, not judged one by one. One thing made, one
    // meeting held: done once it happens.
    check(
        "goal-headings-over-steps.md",
        "plan",
        &[(7, "vague-goal"), (21, "vague-goal")],
    );
}

#[test]
fn a_list_of_what_others_can_do_is_a_feature_list_not_goals() {
    // "…should be able to do the following:" introduces what a product lets people do.
    check("feature-list-after-users-can.md", "plan", &[]);
}

#[test]
fn tracking_and_process_sections_are_not_goal_content() {
    check("tracking-and-process-sections.md", "plan", &[]);
}

#[test]
fn an_objective_heading_over_a_list_has_those_key_results() {
    // The list items are key results; items nested under a key result are its work, not
    // judged one by one.
    check(
        "objective-headings-over-key-results.md",
        "plan",
        &[(14, "unmeasurable-success-metric")],
    );
}

#[test]
fn metadata_contents_and_list_labels_are_not_items() {
    // `Owner:`/`Status:` fields, a table of contents, a tracking section, a person's heading
    // and a `**Key results:**` label over its list: none is a goal or an empty field.
    check("metadata-contents-and-labels.md", "plan", &[]);
}

#[test]
fn goals_in_a_table_are_read_row_by_row() {
    // An open row past its date is overdue; a `TBD` cell is a placeholder.
    check(
        "goals-in-a-table.md",
        "plan",
        &[(7, "overdue"), (9, "unfilled-placeholder")],
    );
}

#[test]
fn a_plan_in_another_language_is_not_misread() {
    // Its headings are not read as goal headings: the file is left alone, not misjudged.
    let (understood, found) = understand(&fixture("plan-in-another-language.md"));
    assert!(
        understood.starts_with("goal document: false"),
        "{understood}"
    );
    assert_eq!(found, vec![]);
}

#[test]
fn objectives_and_key_results_in_sibling_sections_belong_together() {
    check("objectives-and-key-results-sections.md", "plan", &[]);
}

#[test]
fn items_in_another_language_under_an_english_heading_are_left_alone() {
    // The statement analysis knows English: it abstains on other languages.
    check("items-in-another-language.md", "plan", &[]);
}

#[test]
fn a_page_of_example_sections_is_a_guide() {
    check("guide-with-example-sections.md", "not a plan (guide)", &[]);
}

#[test]
fn goal_lints_own_documentation_is_not_a_plan() {
    // Its README, rule reference and editor README talk about goals and quote bad ones.
    let root = format!("{}/../..", env!("CARGO_MANIFEST_DIR"));
    for path in [
        "README.md",
        "docs/rules.md",
        "editors/vscode/README.md",
        "editors/README.md",
    ] {
        let (_, found) = understand(&format!("{root}/{path}"));
        assert_eq!(found, vec![], "{path}");
    }
}

#[test]
fn goals_and_key_results_in_tables_are_read_by_their_columns() {
    // A `Key result` column makes each row a key result of the objective above; a filled
    // `Target` cell is its measure; `Goal` beside `Key results` is a goal with its key
    // result; `Goal` after `Metric` is a target value, not a goal. Template text in any
    // cell is still seen.
    check(
        "okrs-in-tables.md",
        "plan",
        &[
            (9, "unmeasurable-success-metric"),
            (16, "unfilled-placeholder"),
            (23, "vague-goal"),
            (24, "vague-goal"),
            (24, "unmeasurable-success-metric"),
        ],
    );
}

#[test]
fn actions_in_a_table_take_their_timing_from_the_when_column() {
    // An open row past the date in its `When` cell is overdue; a row with no timing where
    // the others have some lacks a week range.
    check(
        "actions-in-a-table.md",
        "plan",
        &[(14, "overdue"), (15, "missing-week-range")],
    );
}

#[test]
fn key_results_in_their_own_section_belong_to_the_objectives_beside_them() {
    // Under a sub-heading that repeats an objective: that objective's key results, so no
    // objective is judged as a bare goal; a vague one among them is still found.
    check(
        "key-results-section-by-objective.md",
        "plan",
        &[(19, "unmeasurable-success-metric")],
    );
    // Not tied to one objective each: the objectives are still qualitative by design.
    check("key-results-section-unlinked.md", "plan", &[]);
}

#[test]
fn the_parts_of_an_objective_under_sub_headings_belong_to_it() {
    // `### Key results` under an objective heading are its key results; `### Initiatives`
    // and `### Projects` are its work items (not judged one by one), and so is a list under
    // a "**Not included**" title.
    check(
        "objective-with-parts-as-sub-headings.md",
        "plan",
        &[(8, "unmeasurable-success-metric")],
    );
}

#[test]
fn entries_that_say_they_are_settled_are_not_overdue() {
    // Open boxes past their dates are overdue, unless the entry is struck through, says it
    // was postponed, moved or scored, or sits under "Parking lot" or "Done". "done when …"
    // is a definition of done, not a status.
    check(
        "settled-entries.md",
        "plan",
        &[(5, "overdue"), (6, "overdue")],
    );
}

#[test]
fn a_job_description_or_a_spec_is_not_a_plan() {
    check("job-description.md", "not a plan (job description)", &[]);
    // A volunteer role's description: its goals beside its time budget and term length.
    check("role-description.md", "not a plan (job description)", &[]);
    check(
        "spec-with-success-metrics.md",
        "not a plan (design document)",
        &[],
    );
}

#[test]
fn table_rows_of_one_objective_are_its_key_results_with_their_targets() {
    // Rows repeating an objective add key results to it; a `Target` cell is the key
    // result's measure. A heading over a `**Goal:**` field is that goal's title, and "down
    // by half" is a measure.
    check(
        "kr-table-with-targets.md",
        "plan",
        &[(9, "unmeasurable-success-metric")],
    );
}

#[test]
fn dotted_key_result_ids_are_key_results_of_the_bold_objective() {
    // "KR 1.1:", "KR 2a.1:" label key results; the bold "O1: …" above them is their
    // objective, not a group of objectives (three objectives, not eight).
    check(
        "dotted-kr-ids-under-bold-objectives.md",
        "plan",
        &[(6, "unmeasurable-success-metric")],
    );
    check_entries(
        "dotted-kr-ids-under-bold-objectives.md",
        &[
            (3, "objective"),
            (4, "key-result"),
            (8, "key-result"),
            (10, "objective"),
        ],
    );
}

#[test]
fn owner_prefixed_key_results_measure_the_bold_objective_above() {
    // "Sales: …" lines with numbers under "**Own the clinic segment.**" are its key results
    // (four objectives, not eleven), and a "Not in the 2027 plan" list holds no goals.
    check("owner-prefixed-key-results.md", "plan", &[]);
    check_entries(
        "owner-prefixed-key-results.md",
        &[
            (5, "objective"),
            (6, "key-result"),
            (12, "objective"),
            (15, "objective"),
            (17, "key-result"),
            (21, "other"),
        ],
    );
}

#[test]
fn a_bold_goal_whose_children_are_its_fields_is_a_goal() {
    // "**Improve response times**" over "- Why: …" is a goal with a reason, judged as one;
    // a short bold title over goals would be a group.
    check("goals-with-field-children.md", "plan", &[(7, "vague-goal")]);
}

#[test]
fn a_key_result_table_beside_written_key_results_tracks_them() {
    // The table tracks the key results already listed: its rows add none (no "7 key
    // results"), but a row past its date with a Red RAG rating is still overdue. In an
    // actions section, the Action column is the entry and its When cell the timing.
    check(
        "key-result-table-tracking-listed-krs.md",
        "plan",
        &[(11, "overdue"), (22, "missing-week-range")],
    );
}

#[test]
fn an_objective_heading_without_key_results_beside_ones_with_them() {
    check(
        "objective-headings-one-without-key-results.md",
        "plan",
        &[(7, "objective-without-key-results")],
    );
}

#[test]
fn a_course_syllabus_is_not_a_plan() {
    // A term in the title ("Spring 2027") does not make a syllabus's learning objectives a
    // plan: its Assessment and Office hours sections say what it is.
    check("course-syllabus.md", "not a plan (course page)", &[]);
}

#[test]
fn a_template_with_comment_prompts_is_pristine() {
    // A date inside a comment ("<!-- e.g. Q2 2027 -->") is an example for whoever fills the
    // file in, not a sign that someone has started.
    check(
        "pristine-template-comment-prompts.md",
        "pristine template",
        &[(5, "unfilled-placeholder")],
    );
}

#[test]
fn an_architecture_decision_record_or_a_business_review_is_not_a_plan() {
    // An ADR's "Goals of this change" are its rationale; a quarterly business review reports
    // results against goals of a finished quarter.
    check(
        "adr-goals-of-the-decision.md",
        "not a plan (design document)",
        &[],
    );
    check("quarterly-business-review.md", "not a plan (report)", &[]);
}

#[test]
fn emoji_before_a_label_do_not_hide_it() {
    // "🎤 KR:", "▸ Objective:" are labels behind decoration; a red circle in a Status cell
    // rates an open row (overdue past its date), it does not close it.
    check(
        "emoji-before-labels.md",
        "plan",
        &[(7, "unmeasurable-success-metric"), (17, "overdue")],
    );
    check_entries(
        "emoji-before-labels.md",
        &[(5, "key-result"), (9, "objective")],
    );
}

#[test]
fn a_test_or_research_plan_is_not_a_plan_of_goals() {
    // Its objectives are what the sessions should find out, not commitments.
    check(
        "usability-test-plan.md",
        "not a plan (research or test plan)",
        &[],
    );
}

#[test]
fn a_list_introduced_as_what_things_looked_like_is_examples() {
    // "Most of them looked like this:" at the end of a paragraph introduces illustrations.
    check("blog-post-with-bad-examples.md", "plan", &[]);
    check_entries(
        "blog-post-with-bad-examples.md",
        &[(7, "example"), (8, "example")],
    );
}

#[test]
fn housekeeping_marked_not_goals_and_last_quarters_goals_are_not_judged() {
    check("plan-with-housekeeping-and-past-goals.md", "plan", &[]);
}

#[test]
fn a_plan_titled_by_a_past_quarter_is_an_archive() {
    // Its title names Q2 2026, which ended over 90 days ago; "the Q3 2026 plan" in its
    // closing note does not make it current, so its open box is not overdue.
    check("archive-titled-by-its-quarter.md", "plan", &[]);
}

/// A roadmap over releases, milestones and horizons ("## v2.0", "## Milestone 3", "## Up next")
/// holds what each will ship: a vague item is reported, a struck-through item is dropped (not
/// an empty entry), seven items in one release are not too many goals, and a section that is
/// no stage of the roadmap ("## Design principles") is not judged.
#[test]
fn a_roadmap_over_releases_holds_what_each_will_ship() {
    check("roadmap-over-releases.md", "plan", &[(9, "vague-goal")]);
    check_entries(
        "roadmap-over-releases.md",
        &[
            (8, "goal"),
            (9, "goal"),
            (17, "goal"),
            (22, "goal"),
            (26, "other"),
        ],
    );
}

/// A roadmap over period headings holds each period's goals: a vague item is reported, a
/// titled link is an item and not a field, and a section kept "for historic purposes" is not
/// judged. (Before, nothing in such a file read as goal content.)
#[test]
fn a_roadmap_over_periods_holds_goals_and_its_historic_section_none() {
    check("roadmap-over-periods.md", "plan", &[(7, "vague-goal")]);
    check_entries(
        "roadmap-over-periods.md",
        &[
            (7, "goal"),
            (8, "goal"),
            (9, "goal"),
            (19, "other"),
            (20, "other"),
        ],
    );
}

/// A roadmap whose headings name topics, not goals or periods ("## Parsing"): its items are
/// read (the document is a plan, its list entries goals, its topic headings no entries), but
/// only a past date on an open item is reported; "Better error messages" and "Faster
/// deploys" are left alone, as the items of such roadmaps are mostly named features. The
/// section on how to propose an item holds none.
#[test]
fn a_roadmap_by_topic_is_read_and_only_its_overdue_items_reported() {
    let name = "roadmap-by-topic.md";
    check(name, "plan", &[(7, "overdue")]);
    let (goals, understood) = goal_lines(name);
    assert_eq!(goals, [7, 8, 9, 13, 14], "{name}:\n{understood}");
    assert!(
        !understood.contains("goal 5 ") && !understood.contains("goal 11 "),
        "{name}: a topic heading is no entry:\n{understood}"
    );
}

/// Goals written as headings under a title naming goals ("## Run a half marathon"): when most
/// headings under the title state something to do, those are goals (the prose beneath each is
/// its own); a heading naming a part of the post or an area stays a heading.
#[test]
fn headings_stating_goals_under_a_goals_title_are_goals() {
    let name = "goals-as-headings-under-a-goals-title.md";
    // Not line 7 ("Summary of 2026", a part of the post) nor 23 ("Health", an area).
    let (goals, understood) = goal_lines(name);
    assert_eq!(goals, [11, 15, 19], "{name}:\n{understood}");
    check(name, "plan", &[]);
}

/// Most headings name areas ("## Health", "## Work"): the one that states something to do is
/// no run of goals, so none is read as a goal.
#[test]
fn area_headings_under_a_goals_title_are_not_goals() {
    let name = "area-headings-under-a-goals-title.md";
    let (goals, understood) = goal_lines(name);
    assert!(
        goals.is_empty(),
        "{name}: no heading is a goal:\n{understood}"
    );
}

/// An open box under a "Completed" heading is still to do, so "TBD" as the date it was done is
/// not template text; under a ticked box it is a date left unwritten.
#[test]
fn an_open_box_under_a_completed_heading_is_not_done() {
    check(
        "open-boxes-under-a-completed-heading.md",
        "plan",
        &[(16, "unfilled-placeholder")],
    );
}

/// A stage whose `Duration:` field has ended ("### Milestone 1" over "**Duration**: March 1,
/// 2026 - June 30, 2026"): an open box under it is overdue, also one whose own "Done: TBD"
/// says it is not done under a "Completed" heading; an open box the heading settles (no box
/// of its section ticked, nothing saying it is not done) and a stage still running are not.
#[test]
fn open_boxes_of_a_stage_whose_duration_has_ended_are_overdue() {
    check(
        "milestones-with-duration-fields.md",
        "plan",
        &[(12, "overdue"), (20, "overdue")],
    );
}

/// A ticked step under an open box does not make a "Done" heading's boxes count one by one:
/// the heading still settles them.
#[test]
fn a_ticked_step_under_a_done_heading_does_not_reopen_its_boxes() {
    check("done-heading-over-a-ticked-step.md", "plan", &[]);
}

/// A `Duration:` that names only a start ("12 weeks starting September 7") gives no end; one
/// that names its end does.
#[test]
fn a_duration_naming_only_its_start_gives_no_deadline() {
    check(
        "duration-naming-only-a-start.md",
        "plan",
        &[(13, "overdue")],
    );
}

/// A README whose first heading names goals: the headings beside it are not under a goals
/// title, so their steps are not goals.
#[test]
fn headings_beside_a_first_goals_heading_are_not_goals() {
    let name = "goals-heading-then-how-to-sections.md";
    let (goals, understood) = goal_lines(name);
    assert_eq!(
        goals,
        [2],
        "{name}: only the goal under `## Goals`:\n{understood}"
    );
}

/// A title asking about the author's own goals ("What are my goals for next year?") names
/// them, where "What are OKRs?" names a guide: the post is a plan and its goals are judged.
#[test]
fn a_title_asking_about_my_own_goals_names_a_plan() {
    check("own-goals-question-title.md", "plan", &[(16, "vague-goal")]);
}

/// "My 2025 goals - how did I do?": a look back at last year's goals, not a plan.
#[test]
fn a_title_asking_how_i_did_names_a_review() {
    let name = "goals-review-how-did-i-do.md";
    let (understood, got) = understand(&fixture(name));
    assert!(
        understood.starts_with("goal document: false"),
        "{name}: read as goal content:\n{understood}"
    );
    assert_eq!(got, [], "{name}");
}

/// OKRs that carry ids (`O-1`, `KR-1-1`) after a numbered list of the problems they answer:
/// the list is not objectives (no "objective has no key results" on each, no count of six);
/// an objective with an id and no key results still is one.
#[test]
fn a_list_beside_objectives_with_ids_is_not_objectives() {
    let name = "okrs-with-ids-after-a-list-of-problems.md";
    check_entries(name, &[(5, "other"), (7, "other"), (11, "objective")]);
    check(name, "plan", &[(16, "objective-without-key-results")]);
}

/// Objectives without ids in the same list as objectives with ids are still objectives: an
/// objective there with no key results is told so.
#[test]
fn an_objective_without_an_id_in_the_list_of_marked_ones_is_still_one() {
    check(
        "okrs-with-ids-and-unmarked-objectives-in-one-list.md",
        "plan",
        &[
            (6, "objective-without-key-results"),
            (7, "objective-without-key-results"),
        ],
    );
}

/// A goal followed by the issues that track it ("Improve onboarding for new users:
/// [#5686](…)", "Ship the billing export: #12, #14") is a goal, not a field named by its
/// words; a real field's link ("Owner: [Alice](…)") stays a field.
#[test]
fn a_goal_before_its_issue_links_is_a_goal() {
    let name = "goals-before-their-issue-links.md";
    check_entries(name, &[(3, "goal"), (4, "goal"), (5, "meta")]);
    check(name, "plan", &[(3, "vague-goal")]);
}

/// A report whose last section plans the next year ("## What's next for 2027?"): that section
/// is judged as a plan's, the review above it is not ("Learn more Rust" there is last year's).
#[test]
fn a_reports_section_planning_what_comes_next_is_judged() {
    let name = "report-with-next-year-goals.md";
    check(name, "not a plan (report)", &[(14, "vague-goal")]);
    let (understood, _) = understand(&fixture(name));
    assert!(
        understood.contains("judged as a plan: the section at line 11 plans what comes next"),
        "{name}:\n{understood}"
    );
}

/// A roadmap headed by months ("## March", "## April 2027") holds goals month by month.
#[test]
fn a_roadmaps_month_headings_are_its_periods() {
    let name = "roadmap-by-month.md";
    check_entries(name, &[(7, "goal"), (8, "goal"), (12, "goal")]);
    check(name, "plan", &[(8, "vague-goal")]);
}

/// "Completed roadmap items" lists what was done: a report, however its items are worded.
#[test]
fn a_title_naming_completed_items_names_a_report() {
    check("completed-roadmap-items.md", "not a plan (report)", &[]);
}

/// Goals written one per paragraph under a goals heading: each is a goal (and judged), the
/// intro before them is not; paragraphs of a notes section stay notes.
#[test]
fn goals_written_as_paragraphs_are_goals() {
    let name = "goals-as-paragraphs.md";
    let (goals, understood) = goal_lines(name);
    assert_eq!(goals, [7, 9, 11], "{name}:\n{understood}");
    check(name, "plan", &[(9, "vague-goal")]);
}

/// Under a title naming goals, months without a year head a journal's entries as often as
/// its periods: only a roadmap's months are read as periods.
#[test]
fn months_under_a_goals_title_are_not_periods() {
    let name = "goals-journal-by-month.md";
    let (goals, understood) = goal_lines(name);
    assert_eq!(goals, Vec::<usize>::new(), "{name}:\n{understood}");
    check(name, "plan", &[]);
}

/// A section ahead inside another ("### Upcoming milestones" under "## Next steps") is part of
/// it: named once in the evidence, its actions judged as a plan's (the untimed one beside a
/// dated one lacks its timing).
#[test]
fn a_section_ahead_inside_another_is_part_of_it() {
    let name = "report-with-nested-next-steps.md";
    check(name, "not a plan (report)", &[(11, "missing-week-range")]);
    let (understood, _) = understand(&fixture(name));
    assert_eq!(
        understood.matches("judged as a plan").count(),
        1,
        "{name}:\n{understood}"
    );
}

/// Under a title naming goals, parts that hold a reading list, wins or lessons hold no goals.
#[test]
fn reference_parts_under_a_goals_title_are_not_goals() {
    let name = "reference-parts-under-a-goals-title.md";
    let (goals, understood) = goal_lines(name);
    assert!(goals.is_empty(), "{name}: no goals:\n{understood}");
    check(name, "plan", &[]);
}

/// Under a title naming goals, a part with no goal word in its heading ("## Collective", a
/// member's name, "### Milestone 2") holds goals when its list mostly states things to do or
/// reach; a bold name with a colon over the list that follows names it and is no empty field.
#[test]
fn parts_whose_lists_state_goals_hold_the_titles_goals() {
    let name = "goals-per-member-under-a-goals-title.md";
    let (goals, understood) = goal_lines(name);
    for line in [5, 6, 12, 13, 14, 20, 21, 25, 26] {
        assert!(
            goals.contains(&line),
            "{name}: a goal on line {line}:\n{understood}"
        );
    }
    check(
        name,
        "plan",
        &[
            (5, "vague-goal"),
            (6, "vague-goal"),
            (12, "vague-goal"),
            (13, "vague-goal"),
            (14, "vague-goal"),
            (20, "vague-goal"),
            (26, "vague-goal"),
        ],
    );
}

/// Lists that say how rather than what hold no goals, though they start with verbs under a
/// title naming goals: under a heading that is itself a goal, a procedure ("Creating an
/// issue"), a numbered entry ("2. Community grants"), duties, lessons, setup steps, links to
/// pages whose titles start with a verb, decisions; nor do a roadmap's areas (what will ship,
/// not one owner's goals). A gerund alone ("### Reading") names an area, not a procedure.
#[test]
fn lists_that_say_how_are_not_goals() {
    for name in [
        "how-lists-under-a-goals-title.md",
        "areas-under-a-roadmap-title.md",
    ] {
        let (goals, understood) = goal_lines(name);
        assert!(goals.is_empty(), "{name}: no goals:\n{understood}");
        check(name, "plan", &[]);
    }
}

/// A numbered label before a dash ("Objective 1 - …", "**KR 1** - …", "KR 1 - …") is a
/// label, as with a colon: the headings are objectives and the items their key results.
#[test]
fn numbered_labels_before_a_dash_are_labels() {
    let name = "numbered-labels-with-a-dash.md";
    check_entries(
        name,
        &[
            (3, "objective"),
            (5, "key-result"),
            (6, "key-result"),
            (8, "objective"),
            (10, "key-result"),
        ],
    );
    check(name, "plan", &[]);
}

/// A bold item over a plain `Goal:` line only titles the goal the line states (as a heading
/// titles its `Goal:` field): the line is the goal, judged once; the `Why:` and `Success:`
/// lines beside it or in a list beneath answer for it, and key results listed after it make
/// it an objective. A "Stretch goal:" or "Team goal:" line adds to the goal a bold item
/// states, and does not take the place of a plain `Goal:` line after it.
#[test]
fn a_bold_title_over_a_goal_line_only_titles_it() {
    type Case<'a> = (&'a str, &'a [(usize, &'a str)], &'a [(usize, &'a str)]);
    let cases: [Case; 5] = [
        (
            "titled-goals-with-field-lines.md",
            &[],
            &[(3, "other"), (4, "goal"), (5, "why"), (6, "success")],
        ),
        (
            "titled-goal-with-field-and-sub-list.md",
            &[],
            &[(3, "other"), (4, "goal"), (5, "why"), (6, "success")],
        ),
        (
            "titled-goal-then-key-result-items.md",
            &[],
            &[
                (3, "other"),
                (4, "objective"),
                (5, "key-result"),
                (6, "key-result"),
            ],
        ),
        (
            "titled-goal-with-stretch-line-first.md",
            &[],
            &[(4, "other"), (5, "goal"), (6, "why")],
        ),
        (
            // The first goal gives no reason where the second does.
            "bold-goals-with-stretch-goal-lines.md",
            &[(3, "missing-why")],
            &[(3, "goal"), (5, "goal"), (7, "why")],
        ),
    ];
    for (name, findings, entries) in cases {
        check(name, "plan", findings);
        check_entries(name, entries);
    }
}
