import { InputError } from '../../errors.js';

const identStart = /[\p{L}_]/u;
const identPart = /[\p{L}\p{N}_-]/u;

function isIdentStartCode(code: number, char: string): boolean {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95) return true;
  return code > 127 && identStart.test(char);
}

/** A position in HCL source with the small scanning steps the parser shares. */
export class Cursor {
  readonly src: string;
  readonly path: string;
  pos = 0;
  readonly #lineStarts: number[] = [0];

  constructor(src: string, path: string) {
    this.src = src;
    this.path = path;
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.#lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  fail(message: string, at = this.pos): InputError {
    const line = this.lineOf(at);
    const col = at - (this.#lineStarts[line - 1] ?? 0) + 1;
    return new InputError(`${this.path}:${line}:${col}: ${message}`, { file: this.path });
  }

  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
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
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff' || (newlines && c === '\n')) {
        this.pos++;
      } else if (c === '#' || (c === '/' && src[this.pos + 1] === '/')) {
        const end = src.indexOf('\n', this.pos);
        this.pos = end < 0 ? src.length : end;
      } else if (c === '/' && src[this.pos + 1] === '*') {
        const end = src.indexOf('*/', this.pos + 2);
        if (end < 0) throw this.fail('unterminated comment');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  isIdentStart(): boolean {
    return isIdentStartCode(this.src.charCodeAt(this.pos), this.peek());
  }

  isIdentStartAt(offset: number): boolean {
    return isIdentStartCode(this.src.charCodeAt(this.pos + offset), this.peek(offset));
  }

  ident(): string {
    const start = this.pos;
    if (!this.isIdentStart()) throw this.fail(`expected a name, found ${this.describe()}`);
    this.pos++;
    const src = this.src;
    for (;;) {
      const code = src.charCodeAt(this.pos);
      // ASCII fast path; other code points go through the Unicode classes.
      if (
        (code >= 97 && code <= 122) ||
        (code >= 65 && code <= 90) ||
        (code >= 48 && code <= 57) ||
        code === 95 ||
        code === 45
      )
        this.pos++;
      else if (code > 127 && identPart.test(src[this.pos] ?? '')) this.pos++;
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
