/**
 * Text from scanned files made safe for a terminal or a CI log: control characters (ESC, CR, NUL, the C1
 * range), line and paragraph separators and bidirectional overrides are shown as escapes instead of
 * being interpreted, so a file name cannot move the cursor, hide output, or start a line with `::` that a
 * GitHub Actions runner would execute as a workflow command.
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, escapeChar);
}

function escapeChar(char: string): string {
  switch (char) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\u001b':
      return '\\x1b';
    default: {
      const code = char.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
}
