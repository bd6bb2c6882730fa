/**
 * A shell script split into simple commands, in one pass over the text (linear in its length whatever it
 * holds: no regular expression runs on the script). It understands what decides where a command starts
 * (`;`, `&&`, `||`, `|`, `&`, line breaks, `(`, `)`, `{`, `}`, `$(`, backticks, `then`/`do`/`else`...),
 * quotes, escapes, `${...}` and `${{ }}`, comments and line continuations. It does not expand anything.
 */

export interface ShellCommand {
  /** The words, quotes removed, redirections dropped. */
  readonly words: readonly string[];
  /** Offset of the first word in the script. */
  readonly start: number;
}

/** Words that open a compound command or negate one: the command proper is the next word. */
const PREFIX_KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', '}', 'function']);

const SEPARATORS = new Set([';', '&', '|', '\n', '(', ')', '`']);

class Splitter {
  readonly commands: ShellCommand[] = [];
  private words: string[] = [];
  private start = -1;
  private word = '';
  private inWord = false;
  private wordStart = -1;
  /** The next word is the target of a redirection (`> file`) and is dropped. */
  private redirectTarget = false;

  constructor(private readonly text: string) {}

  private endWord(): void {
    if (!this.inWord) return;
    const word = this.word;
    this.inWord = false;
    this.word = '';
    if (this.redirectTarget) {
      this.redirectTarget = false;
      return;
    }
    if (this.words.length === 0 && PREFIX_KEYWORDS.has(word)) return;
    if (this.words.length === 0) this.start = this.wordStart;
    this.words.push(word);
  }

  private endCommand(): void {
    this.endWord();
    this.redirectTarget = false;
    if (this.words.length > 0) this.commands.push({ words: this.words, start: this.start });
    this.words = [];
  }

  private append(text: string, at: number): void {
    if (!this.inWord) {
      this.inWord = true;
      this.wordStart = at;
    }
    this.word += text;
  }

  /** `${...}` / `${{ ... }}` / `$((...))` starting at the `$`: kept whole in the word, nesting counted. */
  private braced(i: number, open: string, close: string): number {
    const text = this.text;
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === open) depth++;
      else if (c === close && --depth === 0) break;
    }
    const end = Math.min(j + 1, text.length);
    this.append(text.slice(i, end), i);
    return end;
  }

  split(): ShellCommand[] {
    const text = this.text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text[i] as string;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.endWord();
        i++;
      } else if (c === '\\') {
        const next = text[i + 1];
        if (next === '\n') i += 2;
        else if (next === '\r' && text[i + 2] === '\n') i += 3;
        else {
          if (next !== undefined) this.append(next, i);
          i += 2;
        }
      } else if (c === '#' && !this.inWord) {
        const end = text.indexOf('\n', i);
        i = end === -1 ? n : end;
      } else if (c === "'") {
        const end = text.indexOf("'", i + 1);
        const stop = end === -1 ? n : end;
        this.append(text.slice(i + 1, stop), i);
        i = stop + 1;
      } else if (c === '"') {
        i = this.doubleQuoted(i);
      } else if (c === '$' && text[i + 1] === '{') {
        i = this.braced(i, '{', '}');
      } else if (c === '$' && text[i + 1] === '(' && text[i + 2] === '(') {
        i = this.braced(i, '(', ')');
      } else if (c === '$' && text[i + 1] === '(') {
        // Command substitution: its content is a command of its own.
        this.endCommand();
        i += 2;
      } else if (c === '>' || c === '<') {
        i = this.redirection(i);
      } else if (c === '`' && text[i + 1] === '\n') {
        // PowerShell's line continuation.
        i += 2;
      } else if (SEPARATORS.has(c)) {
        this.endCommand();
        i++;
      } else {
        let j = i + 1;
        while (j < n && !isSpecial(text.charCodeAt(j))) j++;
        this.append(text.slice(i, j), i);
        i = j;
      }
    }
    this.endCommand();
    return this.commands;
  }

  private doubleQuoted(i: number): number {
    const text = this.text;
    let j = i + 1;
    let part = '';
    let from = j;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '"') break;
      if (c === '\\' && j + 1 < text.length) {
        part += text.slice(from, j);
        const next = text[j + 1] as string;
        part += next === '\n' ? '' : next;
        j++;
        from = j + 1;
      }
    }
    part += text.slice(from, Math.min(j, text.length));
    this.append(part, i);
    return j + 1;
  }

  /** `>`, `>>`, `2>&1`, `<`, `<<EOF`, `<<<`: the operator ends the word before it; its target is dropped. */
  private redirection(i: number): number {
    const text = this.text;
    // A file descriptor number written just before the operator belongs to it (`2>`).
    if (this.inWord && /^\d+$/.test(this.word)) {
      this.inWord = false;
      this.word = '';
    } else this.endWord();
    let j = i + 1;
    while (j < text.length && (text[j] === '>' || text[j] === '<' || text[j] === '-' || text[j] === '|')) j++;
    if (text[j] === '&') {
      // `>&2`, `2>&1`: a descriptor, not a file name.
      j++;
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      return j;
    }
    this.redirectTarget = true;
    return j;
  }
}

/** Characters that end a run of ordinary word characters. */
function isSpecial(code: number): boolean {
  switch (code) {
    case 32: // space
    case 9: // tab
    case 13: // \r
    case 10: // \n
    case 92: // backslash
    case 39: // '
    case 34: // "
    case 36: // $
    case 59: // ;
    case 38: // &
    case 124: // |
    case 40: // (
    case 41: // )
    case 96: // `
    case 62: // >
    case 60: // <
      return true;
    default:
      return false;
  }
}

/** The simple commands of a shell script, in order. */
export function shellCommands(script: string): ShellCommand[] {
  return new Splitter(script).split();
}
