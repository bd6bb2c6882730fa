/** Where a literal could not be decoded, relative to the literal's own start. */
export interface EscapeError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Decodes the raw text of a template literal. Quoted templates take backslash escapes; both quoted
 * templates and heredocs take `$${` and `%%{` for a literal `${` and `%{`.
 */
export function decodeLiteral(raw: string, quoted: boolean, errors: EscapeError[] | undefined): string {
  if (raw.indexOf('\\') === -1 && raw.indexOf('{') === -1) return raw;
  if (!quoted && raw.indexOf('$${') === -1 && raw.indexOf('%%{') === -1) return raw;
  let out = '';
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if ((c === 36 || c === 37) && raw.charCodeAt(i + 1) === c && raw.charCodeAt(i + 2) === 123) {
      out += c === 36 ? '${' : '%{';
      i += 3;
      continue;
    }
    if (c === 92 && quoted) {
      const e = raw[i + 1];
      switch (e) {
        case 'n':
          out += '\n';
          i += 2;
          continue;
        case 'r':
          out += '\r';
          i += 2;
          continue;
        case 't':
          out += '\t';
          i += 2;
          continue;
        case '"':
          out += '"';
          i += 2;
          continue;
        case '\\':
          out += '\\';
          i += 2;
          continue;
        case 'u':
        case 'U': {
          const digits = e === 'u' ? 4 : 8;
          const hex = raw.slice(i + 2, i + 2 + digits);
          const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : -1;
          if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            errors?.push({ message: `Invalid escape sequence: \\${e} needs ${digits} hexadecimal digits of a valid code point`, start: i, end: Math.min(n, i + 2 + digits) });
            out += raw.slice(i, i + 2);
            i += 2;
            continue;
          }
          out += String.fromCodePoint(cp);
          i += 2 + digits;
          continue;
        }
        default:
          errors?.push({ message: `Invalid escape sequence "\\${e ?? ''}"`, start: i, end: Math.min(n, i + 2) });
          out += e ?? '';
          i += 2;
          continue;
      }
    }
    out += raw[i];
    i++;
  }
  return out;
}
