/**
 * Identifier characters per UAX #31 (`ID_Start`, `ID_Continue`) plus the `-` HCL adds and the leading
 * `_` Terraform accepts. ASCII is decided by table so the common case never touches a regular expression.
 */
const ASCII_START = new Uint8Array(128);
const ASCII_CONTINUE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  ASCII_START[c] = letter ? 1 : 0;
  ASCII_CONTINUE[c] = letter || (c >= 48 && c <= 57) || c === 45 ? 1 : 0;
}

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

export function isIdentStart(codePoint: number): boolean {
  if (codePoint < 128) return ASCII_START[codePoint] === 1;
  return ID_START.test(String.fromCodePoint(codePoint));
}

export function isIdentContinue(codePoint: number): boolean {
  if (codePoint < 128) return ASCII_CONTINUE[codePoint] === 1;
  return ID_CONTINUE.test(String.fromCodePoint(codePoint));
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Unicode white space as Go's `unicode.IsSpace` sees it, which HCL uses for strip markers and heredocs. */
export function isUnicodeSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}
