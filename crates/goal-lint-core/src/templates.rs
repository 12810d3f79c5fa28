//! Document templates printed by `goal-lint new`. Each passes lint once its `[…]` slots are
//! filled in (and fails until then: the slots are placeholders).

pub const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "quarterly",
        "Quarterly goals with why, success criteria and a week-by-week action plan",
        QUARTERLY,
    ),
    ("okr", "Objectives with measurable key results", OKR),
    (
        "planning-review",
        "A team planning review with every section the review needs",
        PLANNING_REVIEW,
    ),
    (
        "career-plan",
        "A career development plan built on capabilities you can show",
        CAREER,
    ),
];

pub fn get(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, t)| *t)
}

const QUARTERLY: &str = "---
goal-lint: quarterly
---

# [quarter, e.g. Q3 2025] goals

**Quarter:** Q[X] 20XX
**Person:** [your name]

## Goals

1. **Goal:** [verb + thing + outcome]
   - **Why it matters:** [impact on the business or team]
   - **Success looks like:** [a number, a shipped thing or a visible change]

2. **Goal:** [verb + thing + outcome]
   - **Why it matters:** [impact on the business or team]
   - **Success looks like:** [a number, a shipped thing or a visible change]

3. **Goal:** [verb + thing + outcome]
   - **Why it matters:** [impact on the business or team]
   - **Success looks like:** [a number, a shipped thing or a visible change]

## Actions This Quarter

**Goal 1:**
- [first step] (Week X-Y)
- [next step] (Week X-Y)

**Goal 2:**
- [first step] (Week X-Y)
- [next step] (Week X-Y)

**Goal 3:**
- [first step] (Week X-Y)
- [next step] (Week X-Y)

## Support Needed

- [what, from whom, how much or by when]

## Career Development

- **By end of quarter, I will be able to:** [something you will do that shows the new skill]
- **How I'll build it:** [the project, course or practice]
- **How we'll know it worked:** [what you will ship or do]
";

const OKR: &str = "---
goal-lint: okr
---

# [team] OKRs, Q[X] 20XX

## Objectives

1. **Objective:** [a qualitative, inspiring direction]
   - **KR:** [metric] from [baseline] to [target]
   - **KR:** [deliverable] shipped by [date]

2. **Objective:** [a qualitative, inspiring direction]
   - **KR:** [metric] from [baseline] to [target]
   - **KR:** [deliverable] shipped by [date]
";

const PLANNING_REVIEW: &str = "---
goal-lint: planning-review
---

# [team] planning review, Q[X] 20XX

## Retrospective

[how well last quarter's goals were met, and the data behind that]

## Status

[how the product serves customers and the business; metrics against targets]

## Plans

1. **Goal:** [verb + thing + outcome]
   - **Why it matters:** [the business goal it serves]
   - **Success looks like:** [a number, a shipped thing or a visible change]

## Success Metrics

- [KPI] from [baseline] to [target]

## Risks / Open Questions / Needs

- [risk, and its mitigation]

## Excluded

- [alternative considered, and why not this quarter]
";

const CAREER: &str = "---
goal-lint: career-plan
---

# Career plan, 20XX

## Career Development

- **By end of quarter, I will be able to:** [something you will do that shows the new skill]
- **How I'll build it:** [the project, course or practice]
- **How we'll know it worked:** [what you will ship or do]

## Key Actions

- [ ] [first step] (Month 1)
- [ ] [next step] (Month 2)
";
