//! Property tests: position conversions and edit application.

use goal_lint_core::TextRange;
use goal_lint_core::diagnostic::Edit;
use goal_lint_core::fix::apply_edits;
use goal_lint_core::line_index::{LineIndex, Position, PositionEncoding};
use proptest::prelude::*;

const ENCODINGS: [PositionEncoding; 3] = [
    PositionEncoding::Utf8,
    PositionEncoding::Utf16,
    PositionEncoding::Utf32,
];

/// Text made of pieces that stress conversions: emoji (with variation selectors and ZWJ
/// sequences), combining marks, CJK, CRLF, lone CR, LF, tabs and ASCII.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a".to_string()),
            Just("⭐️".to_string()),
            Just("✅".to_string()),
            Just("👩‍🔬".to_string()),
            Just("e\u{301}".to_string()),
            Just("中文".to_string()),
            Just("\r\n".to_string()),
            Just("\r".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just("- **Goal:** ".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Offsets that are positions: on a char boundary and not between a CR and its LF.
fn positions(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn offsets_round_trip_in_every_encoding(text in text()) {
        let index = LineIndex::new(&text);
        for offset in positions(&text) {
            for enc in ENCODINGS {
                let pos = index.position(&text, offset, enc);
                prop_assert_eq!(index.offset(&text, pos, enc), offset, "{:?} at {} in {:?}", enc, offset, text);
            }
        }
    }

    #[test]
    fn positions_agree_with_a_naive_count(text in text()) {
        let index = LineIndex::new(&text);
        for offset in positions(&text) {
            let before = &text[..offset];
            // Lines end at \n, \r\n or a lone \r.
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let lines = before.replace("\r\n", "\n").matches(['\n', '\r']).count() as u32;
            let column = &text[line_start..offset];
            prop_assert_eq!(index.position(&text, offset, PositionEncoding::Utf8), Position::new(lines, column.len() as u32));
            prop_assert_eq!(index.position(&text, offset, PositionEncoding::Utf16), Position::new(lines, column.encode_utf16().count() as u32));
            prop_assert_eq!(index.position(&text, offset, PositionEncoding::Utf32), Position::new(lines, column.chars().count() as u32));
        }
    }

    #[test]
    fn any_position_maps_to_a_valid_offset(text in text(), line in 0u32..50, character in 0u32..200) {
        let index = LineIndex::new(&text);
        for enc in ENCODINGS {
            let offset = index.offset(&text, Position::new(line, character), enc);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
    }

    #[test]
    fn disjoint_edits_apply_like_a_naive_splice(text in text(), cuts in proptest::collection::vec((0usize..400, "[a-z⭐\n]{0,4}"), 0..6), shuffle in any::<u64>()) {
        // Disjoint ranges between consecutive cut points; an independent oracle applies them
        // back to front with String::replace_range.
        let bounds = positions(&text);
        let mut points: Vec<usize> = cuts.iter().map(|(c, _)| bounds[c % bounds.len()]).collect();
        points.sort();
        points.dedup();
        let mut edits: Vec<Edit> = points
            .windows(2)
            .step_by(2)
            .zip(cuts.iter())
            .map(|(w, (_, new))| Edit::replace(TextRange::new(w[0], w[1]), new.clone()))
            .collect();
        let mut expected = text.clone();
        for e in edits.iter().rev() {
            expected.replace_range(e.range.as_range(), &e.text);
        }
        // The order edits are given in does not matter.
        let n = edits.len().max(1);
        edits.rotate_left((shuffle as usize) % n);
        let refs: Vec<&Edit> = edits.iter().collect();
        let (out, applied) = apply_edits(&text, &refs);
        prop_assert_eq!(applied, edits.len());
        prop_assert_eq!(out, expected);
    }
}
