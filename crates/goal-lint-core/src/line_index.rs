//! Conversions between byte offsets and line/column positions.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (as the LSP specification says). Columns can be
//! counted in UTF-8 bytes, UTF-16 code units (the LSP default) or Unicode scalar values (the
//! CLI's 1-based columns). Every conversion is total: positions past the end of a line or of
//! the document are clamped, and offsets inside a multi-byte character are rounded down.

use crate::text::floor_char_boundary;

/// The unit in which a column is counted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PositionEncoding {
    Utf8,
    Utf16,
    /// Unicode scalar values (`char`s).
    Utf32,
}

/// A zero-based line and a zero-based column in some [`PositionEncoding`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub const fn new(line: u32, character: u32) -> Self {
        Self { line, character }
    }
}

/// Start offsets of every line of one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// `line_starts[i]` is the byte offset where line `i` begins. Always starts with 0.
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        Self {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where `line` starts, or `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// The zero-based line containing `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of `line` without its terminator.
    pub fn line_range(&self, line: usize, text: &str) -> (usize, usize) {
        let start = self.line_starts[line.min(self.line_starts.len() - 1)];
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// The position of byte `offset`, with the column counted in `encoding`.
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = &text[start..offset];
        let character = match encoding {
            PositionEncoding::Utf8 => column.len(),
            PositionEncoding::Utf16 => column.chars().map(char::len_utf16).sum(),
            PositionEncoding::Utf32 => column.chars().count(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `position`. A column past the end of its line means the end of the
    /// line; a line past the end of the text means the end of the text; a column inside a
    /// character (a UTF-16 surrogate pair or a multi-byte UTF-8 sequence) rounds down.
    pub fn offset(&self, text: &str, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let (start, end) = self.line_range(line, text);
        let wanted = position.character as usize;
        let line_text = &text[start..end];
        match encoding {
            PositionEncoding::Utf8 => start + floor_char_boundary(line_text, wanted),
            PositionEncoding::Utf16 => {
                let mut units = 0;
                for (i, c) in line_text.char_indices() {
                    let next = units + c.len_utf16();
                    if next > wanted {
                        return start + i;
                    }
                    units = next;
                }
                end
            }
            PositionEncoding::Utf32 => line_text
                .char_indices()
                .nth(wanted)
                .map_or(end, |(i, _)| start + i),
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::*;

    #[test]
    fn positions_on_an_emoji_line() {
        // ⭐️ is U+2B50 (3 bytes, 1 UTF-16 unit) + U+FE0F (3 bytes, 1 unit); 🎯 is 4 bytes, 2 units.
        let text = "# Goals\n- ⭐️ 🎯 work on payments\n";
        let index = LineIndex::new(text);
        let offset = text.find("work").unwrap();
        assert_eq!(index.position(text, offset, Utf8), Position::new(1, 14));
        assert_eq!(index.position(text, offset, Utf16), Position::new(1, 8));
        assert_eq!(index.position(text, offset, Utf32), Position::new(1, 7));
        for enc in [Utf8, Utf16, Utf32] {
            let pos = index.position(text, offset, enc);
            assert_eq!(index.offset(text, pos, enc), offset, "{enc:?}");
        }
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, 3, Utf16), Position::new(1, 0));
        assert_eq!(index.position(text, 5, Utf16), Position::new(2, 0));
        assert_eq!(index.line_range(0, text), (0, 1));
        assert_eq!(index.line_range(1, text), (3, 4));
    }

    #[test]
    fn clamps_out_of_range_positions() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 99), Utf16), 2);
        assert_eq!(index.offset(text, Position::new(9, 0), Utf16), 5);
        assert_eq!(index.position(text, 99, Utf8), Position::new(1, 2));
    }

    #[test]
    fn inside_a_surrogate_pair_rounds_down() {
        let text = "🎯x";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 1), Utf16), 0);
        assert_eq!(index.offset(text, Position::new(0, 2), Utf16), 4);
        assert_eq!(index.offset(text, Position::new(0, 2), Utf8), 0);
    }
}
