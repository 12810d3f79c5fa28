//! A generator of goal documents for benchmarks: varied, realistic shapes (quarterly 1:1
//! templates, OKR pages, career plans), deterministic for a given count.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

const VERBS: &[&str] = &[
    "Ship",
    "Launch",
    "Reduce",
    "Hire",
    "Migrate",
    "Publish",
    "Run",
    "Work on",
    "Improve",
    "Help with",
];
const THINGS: &[&str] = &[
    "payments v2",
    "the design system",
    "API latency",
    "the onboarding flow",
    "billing exports",
    "the Java SDK",
    "search relevance",
    "the docs site",
    "on-call runbooks",
    "the partner API",
];
const OUTCOMES: &[&str] = &[
    "to 100% of transactions",
    "with 15 components adopted by 3 teams",
    "from 800ms to 200ms p95",
    "",
    "for 20 customers",
    "by Week 8",
    "",
    "to 3 regions",
    "with zero P0 bugs",
    "",
];

/// A small deterministic generator (xorshift), so runs are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn goal(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(VERBS),
        rng.pick(THINGS),
        rng.pick(OUTCOMES)
    )
    .trim()
    .to_string()
}

/// One generated document; `i` picks its shape and content.
pub fn document(i: u64, goals: usize) -> String {
    let mut rng = Rng::new(i + 1);
    let mut out = String::new();
    match i % 3 {
        0 => {
            let _ = writeln!(
                out,
                "## Quarterly 1:1\n\n**Quarter:** Q{} 2025\n**Person:** Person {i}\n\n### Goals\n",
                i % 4 + 1
            );
            for g in 1..=goals {
                let _ = writeln!(out, "{g}. **Goal:** {}", goal(&mut rng));
                let _ = writeln!(
                    out,
                    "   - **Why it matters:** unblocks {} customers",
                    rng.next() % 50
                );
                if !rng.next().is_multiple_of(4) {
                    let _ = writeln!(
                        out,
                        "   - **Success looks like:** {}% of {} done",
                        rng.next() % 100,
                        rng.pick(THINGS)
                    );
                }
                out.push('\n');
            }
            out.push_str("### Actions This Quarter\n\n");
            for g in 1..=goals {
                let _ = writeln!(out, "**Goal {g}:**");
                for a in 0..3 {
                    if rng.next().is_multiple_of(5) {
                        let _ = writeln!(out, "- {} {}", rng.pick(VERBS), rng.pick(THINGS));
                    } else {
                        let w = a * 4 + 1;
                        let _ = writeln!(
                            out,
                            "- {} {} (Week {}-{})",
                            rng.pick(VERBS),
                            rng.pick(THINGS),
                            w,
                            w + 3
                        );
                    }
                }
                out.push('\n');
            }
            out.push_str("### Support Needed\n\n- Budget approval for $5K/month\n- More support\n");
        }
        1 => {
            let _ = writeln!(out, "# 2025-Q{} OKRs\n", i % 4 + 1);
            for g in 1..=goals {
                let _ = writeln!(out, "{g}. **Objective:** {}", goal(&mut rng));
                for _ in 0..(rng.next() % 4 + 1) {
                    let _ = writeln!(out, "   1. KR: {}", goal(&mut rng));
                }
            }
        }
        _ => {
            let _ = writeln!(out, "# Career plan {}\n", 2025 + i % 3);
            for g in 1..=goals {
                let _ = writeln!(
                    out,
                    "## Priority {g}: {}\n\n**Goal:** {}\n\n**Success Metrics:**",
                    rng.pick(THINGS),
                    goal(&mut rng)
                );
                for _ in 0..3 {
                    let _ = writeln!(out, "- {}", goal(&mut rng));
                }
                out.push_str("\n**Key Actions:**\n");
                for m in 1..=3 {
                    let done = if rng.next().is_multiple_of(3) {
                        "x"
                    } else {
                        " "
                    };
                    let _ = writeln!(
                        out,
                        "- [{done}] {} {} (Month {m})",
                        rng.pick(VERBS),
                        rng.pick(THINGS)
                    );
                }
                out.push('\n');
            }
        }
    }
    out
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let dir = args.first().ok_or("gen-corpus needs a directory")?;
    let n: u64 = match args.get(1) {
        Some(s) => s.parse().map_err(|_| format!("not a count: {s}"))?,
        None => 10_000,
    };
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for i in 0..n {
        let path = dir.join(format!("goals-{i:05}.md"));
        std::fs::write(&path, document(i, 3 + (i % 3) as usize))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("wrote {n} goal documents to {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// One long goal document: generated documents, one after the other, until `lines` lines.
pub fn long_document(lines: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(&document(i, 3 + (i % 3) as usize));
        out.push('\n');
        i += 1;
    }
    out
}

pub fn run_doc(args: &[String]) -> Result<ExitCode, String> {
    let lines: usize = args
        .first()
        .ok_or("gen-doc needs a line count")?
        .parse()
        .map_err(|_| "gen-doc: not a line count".to_string())?;
    print!("{}", long_document(lines));
    Ok(ExitCode::SUCCESS)
}
