//! Parse + lint throughput: `cargo bench -p goal-lint-core`.
//!
//! Documents of three sizes, and a sweep over sizes to show that cost grows linearly with the
//! length of a goal document (throughput in bytes per second stays flat).

use divan::Bencher;
use divan::counter::BytesCount;
use goal_lint_core::config::Settings;
use goal_lint_core::{Date, LintOptions, lint};

fn main() {
    divan::main();
}

/// A goal document of about `lines` lines: quarterly goals with fields, an action plan, a
/// support section, repeated with varied text.
pub fn goal_document(lines: usize) -> String {
    let verbs = [
        "Ship",
        "Work on",
        "Launch",
        "Improve",
        "Hire",
        "Migrate",
        "Help with",
        "Publish",
    ];
    let things = [
        "payments v2",
        "the design system",
        "API latency",
        "the onboarding flow",
        "billing exports",
        "the Java SDK",
    ];
    let mut out = String::from(
        "---\ntitle: Team plan\n---\n\n# Team plan, Q3 2025\n\n**Quarter:** Q3 2025\n**Person:** Sam Lee\n\n",
    );
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(&format!("## Goals {i}\n\n"));
        for g in 0..3 {
            let k = i * 3 + g;
            out.push_str(&format!(
                "{}. **Goal:** {} {} to {}% of users by Week {}\n   - **Why it matters:** unblocks {} enterprise deals\n   - **Success looks like:** p95 under {}ms for ⭐️ {} customers\n",
                g + 1,
                verbs[k % verbs.len()],
                things[k % things.len()],
                (k * 7) % 100,
                k % 12 + 1,
                k % 40,
                100 + k % 300,
                k % 90
            ));
        }
        out.push_str("\n### Actions This Quarter\n\n**Goal 1:**\n");
        for a in 0..4 {
            let w = a * 3 + 1;
            if (i + a) % 5 == 0 {
                out.push_str(&format!(
                    "- {} {}\n",
                    verbs[(i + a) % verbs.len()],
                    things[a % things.len()]
                ));
            } else {
                out.push_str(&format!(
                    "- [ ] {} {} (Week {}-{})\n",
                    verbs[(i + a) % verbs.len()],
                    things[a % things.len()],
                    w,
                    w + 2
                ));
            }
        }
        out.push_str(
            "\n### Support Needed\n\n- Budget approval for $5K/month of Redis\n- More support\n\n",
        );
        i += 1;
    }
    out
}

fn options() -> LintOptions {
    LintOptions {
        today: Date::new(2025, 7, 1),
    }
}

#[divan::bench(args = [50, 500, 5_000])]
fn parse_and_lint(bencher: Bencher, lines: usize) {
    let text = goal_document(lines);
    let settings = Settings::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| lint(divan::black_box(&text), &settings, &options()));
}

/// Cost per byte across sizes: flat throughput means linear growth.
#[divan::bench(args = [1_000, 2_000, 4_000, 8_000, 16_000])]
fn scaling(bencher: Bencher, lines: usize) {
    let text = goal_document(lines);
    let settings = Settings::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| lint(divan::black_box(&text), &settings, &options()));
}

/// A README-sized file with no goal content: the pre-check path.
#[divan::bench]
fn plain_markdown(bencher: Bencher) {
    let text = "# Project\n\nSome text about the project with `code` and [links](x).\n\n## Usage\n\n- one\n- two\n\n```rust\nfn main() {}\n```\n".repeat(200);
    let settings = Settings::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| lint(divan::black_box(&text), &settings, &options()));
}
