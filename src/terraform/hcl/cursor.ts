import { InputError } from '../../errors.js';

// HCL's identifiers: Unicode ID_Start or `_`, then ID_Continue or `-` (hclsyntax's scanner).
const identStart = /[\p{ID_Start}_]/u;
const identPart = /[\p{ID_Continue}-]/u;

/** Whether the code unit at `code` (the character `char`) may continue an identifier. */
export function isIdentPartCode(code: number, char: string): boolean {
  if (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 45
  )
    return true;
  return code > 127 && identPart.test(char);
}

function isIdentStartCode(code: number, char: string): boolean {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95) return true;
  return code > 127 && identStart.test(char);
}

function isIdentStartAt(src: string, at: number): boolean {
  const code = src.charCodeAt(at);
  // A code point outside the BMP takes two code units.
  if (code >= 0xd800 && code <= 0xdbff) return identStart.test(src.slice(at, at + 2));
  return isIdentStartCode(code, src[at] ?? '');
}

/** A position in HCL source with the small scanning steps the parser shares. */
export class Cursor {
  readonly src: string;
  readonly path: string;
  pos = 0;
  /** How deeply the expression being read is nested (see `maxNesting` in the parser). */
  depth = 0;
  /**
   * Whether the items of tuples and objects are kept. Off while a value is
   * only checked for syntax (a lazily read local, see parseHcl): the parse
   * makes the same decisions, and builds no tree for items nobody reads.
   */
  keep = true;
  /** Offsets where lines start, found on the first question about lines. */
  #lineStarts: number[] | undefined;

  constructor(src: string, path: string) {
    this.src = src;
    this.path = path;
  }

  #lines(): number[] {
    if (this.#lineStarts !== undefined) return this.#lineStarts;
    const starts = [0];
    for (let i = this.src.indexOf('\n'); i >= 0; i = this.src.indexOf('\n', i + 1))
      starts.push(i + 1);
    this.#lineStarts = starts;
    return starts;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    const starts = this.#lines();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  fail(message: string, at = this.pos): InputError {
    const line = this.lineOf(at);
    const col = at - (this.#lines()[line - 1] ?? 0) + 1;
    return new InputError(`${this.path}:${line}:${col}: ${message}`, { file: this.path });
  }

  peek(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** Skips blanks and comments; newlines too when `newlines`. A block comment may span lines. */
  skip(newlines: boolean): void {
    const src = this.src;
    // Character codes and a local position, not one-character strings and the
    // field: this runs between every two tokens.
    let pos = this.pos;
    for (;;) {
      const c = src.charCodeAt(pos);
      if (c === 32 || c === 9 || (newlines && c === 10)) {
        pos++;
      } else if ((c === 13 && src.charCodeAt(pos + 1) === 10) || (c === 0xfeff && pos === 0)) {
        // CR LF is a newline (the cursor stops on its LF); a lone CR is no blank to
        // HCL, and a byte order mark is one only at the start of a file.
        pos++;
      } else if (c === 35 || (c === 47 && src.charCodeAt(pos + 1) === 47)) {
        const end = src.indexOf('\n', pos);
        pos = end < 0 ? src.length : end;
      } else if (c === 47 && src.charCodeAt(pos + 1) === 42) {
        const end = src.indexOf('*/', pos + 2);
        if (end < 0) throw this.fail('unterminated comment', pos);
        pos = end + 2;
      } else {
        this.pos = pos;
        return;
      }
    }
  }

  isIdentStart(): boolean {
    return isIdentStartAt(this.src, this.pos);
  }

  isIdentStartAt(offset: number): boolean {
    return isIdentStartAt(this.src, this.pos + offset);
  }

  /** Whether the identifier at the cursor is exactly `word` (a keyword such as `for`). */
  isKeyword(word: string): boolean {
    const after = this.pos + word.length;
    return (
      this.src.startsWith(word, this.pos) &&
      !isIdentPartCode(this.src.charCodeAt(after), this.src[after] ?? '')
    );
  }

  ident(): string {
    const start = this.pos;
    if (!this.isIdentStart()) throw this.fail(`expected a name, found ${this.describe()}`);
    this.pos++;
    const src = this.src;
    // A code point outside the BMP takes two code units; the Unicode class tests the pair.
    if (this.src.charCodeAt(start) >= 0xd800 && this.src.charCodeAt(start) <= 0xdbff) this.pos++;
    for (;;) {
      const code = src.charCodeAt(this.pos);
      if (code >= 0xd800 && code <= 0xdbff) {
        if (!identPart.test(src.slice(this.pos, this.pos + 2))) break;
        this.pos += 2;
      } else if (
        (code >= 97 && code <= 122) ||
        (code >= 65 && code <= 90) ||
        (code >= 48 && code <= 57) ||
        code === 95 ||
        code === 45 ||
        (code > 127 && isIdentPartCode(code, src[this.pos] ?? ''))
      )
        this.pos++;
      else break;
    }
    return src.slice(start, this.pos);
  }

  expect(text: string): void {
    if (!this.startsWith(text)) throw this.fail(`expected "${text}", found ${this.describe()}`);
    this.pos += text.length;
  }

  describe(): string {
    if (this.eof()) return 'the end of the file';
    const c = this.peek();
    return c === '\n' ? 'a newline' : JSON.stringify(c);
  }
}
