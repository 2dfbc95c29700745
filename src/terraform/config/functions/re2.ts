import { fail, UnknownResult } from './support.js';

/** A Terraform (RE2) pattern as a JavaScript RegExp, with its capture group names. */
export interface TranslatedRegex {
  readonly regex: RegExp;
  /** One entry per capture group, in order; "" for an unnamed group. */
  readonly groups: readonly string[];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const posix: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

// RE2's \s is ASCII only (no \v, no Unicode spaces), unlike JavaScript's.
const re2Space = '\\t\\n\\f\\r ';
const generalCategories =
  /^(?:C[cfnos]?|L[lmotu]?|M[cen]?|N[dlo]?|P[cdefios]?|S[ckmo]?|Z[lps]?|Any)$/;

/** A literal character, written so JavaScript's `u` mode accepts it anywhere. */
const literal = (c: string): string =>
  /^[\p{L}\p{N}_ ]$/u.test(c) ? c : `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;

const unsupported = (what: string): never => {
  throw new UnknownResult(
    `the regular expression uses ${what}, which gcadopt cannot evaluate like Terraform's RE2`,
  );
};
const invalid = (what: string): never => fail(`invalid regexp pattern: ${what}`);

/** Translates RE2 syntax as Go's regexp parses it; RE2 errors are Terraform errors. */
class Translator {
  readonly src: string;
  pos = 0;
  readonly groups: string[] = [];
  readonly flagStack: Flags[] = [];
  flags: Flags = { i: false, m: false, s: false, U: false };
  /** Case-insensitivity must hold for the whole pattern: JavaScript cannot scope it (Node 20). */
  caseSeen: boolean | undefined;

  constructor(src: string) {
    this.src = src;
  }

  peek(n = 0): string {
    return this.src[this.pos + n] ?? '';
  }

  translate(): string {
    let out = '';
    let atomEnd = false;
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === ')') {
        if (this.flagStack.length === 0) invalid('unexpected )');
        this.pos++;
        this.flags = this.flagStack.pop() ?? this.flags;
        return `${out})`;
      }
      const quant = this.quantifier();
      if (quant !== undefined) {
        if (!atomEnd) invalid(`missing argument to repetition operator: \`${quant.raw}\``);
        if (/^[*+?{]/.test(this.peek()) && this.quantifier(true) !== undefined)
          invalid('invalid nested repetition operator');
        out += quant.js;
        atomEnd = false;
        continue;
      }
      const atom = this.atom();
      out += atom.js;
      atomEnd = atom.repeatable;
    }
    return out;
  }

  /** `*`, `+`, `?`, `{n,m}` and a lazy `?`; undefined when none is here. */
  quantifier(lookOnly = false): { raw: string; js: string } | undefined {
    const m = /^(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})/.exec(this.src.slice(this.pos));
    if (m === null) return undefined;
    if (lookOnly) return { raw: m[0], js: '' };
    const [raw, min, comma, max] = m;
    if (
      (min !== undefined && Number(min) > 1000) ||
      (max !== undefined && max !== '' && Number(max) > 1000)
    )
      invalid(`invalid repeat count: \`${raw}\``);
    if (min !== undefined && max !== undefined && max !== '' && Number(max) < Number(min))
      invalid(`invalid repeat count: \`${raw}\``);
    this.pos += raw.length;
    let lazy = this.peek() === '?';
    if (lazy) this.pos++;
    if (this.flags.U) lazy = !lazy;
    const js = min === undefined ? raw : `{${min}${comma ?? ''}${max ?? ''}}`;
    return { raw, js: lazy ? `${js}?` : js };
  }

  atom(): { js: string; repeatable: boolean } {
    const c = this.peek();
    this.pos++;
    switch (c) {
      case '(':
        return { js: this.group(), repeatable: true };
      case '[':
        return { js: this.charClass(), repeatable: true };
      case '\\':
        return this.escape();
      case '.':
        return { js: this.flags.s ? '[\\s\\S]' : '[^\\n]', repeatable: true };
      case '^':
        return { js: this.flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])', repeatable: false };
      case '$':
        return { js: this.flags.m ? '(?![^\\n])' : '(?![\\s\\S])', repeatable: false };
      case '|':
        return { js: '|', repeatable: false };
      default: {
        const cp = String.fromCodePoint(this.src.codePointAt(this.pos - 1) ?? 0);
        this.pos += cp.length - 1;
        this.noteCase(cp);
        return { js: literal(cp), repeatable: true };
      }
    }
  }

  noteCase(c: string): void {
    if (c.toLowerCase() === c.toUpperCase()) return;
    if (this.caseSeen !== undefined && this.caseSeen !== this.flags.i)
      unsupported('case-insensitivity for only part of the pattern');
    this.caseSeen = this.flags.i;
  }

  group(): string {
    let open = '(';
    if (this.peek() === '?') {
      const rest = this.src.slice(this.pos + 1);
      const named = /^P?<([A-Za-z0-9_]+)>/.exec(rest);
      if (named?.[1] !== undefined) {
        if (this.groups.includes(named[1]))
          invalid(`duplicate capture group name: \`${named[1]}\``);
        this.groups.push(named[1]);
        this.pos += 1 + named[0].length;
        open = `(?<${named[1]}>`;
      } else {
        const flags = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
        if (flags === null) invalid('invalid or unsupported Perl syntax');
        const [whole = '', on = '', off = '', end] = flags ?? [];
        this.pos += 1 + whole.length;
        const next = { ...this.flags };
        for (const f of on) next[f as keyof Flags] = true;
        for (const f of off) next[f as keyof Flags] = false;
        if (end === ')') {
          this.flags = next;
          return '';
        }
        this.flagStack.push(this.flags);
        this.flags = next;
        return `(?:${this.translate()}`;
      }
    } else {
      this.groups.push('');
    }
    this.flagStack.push(this.flags);
    this.flags = { ...this.flags };
    return open + this.translate();
  }

  /** An escape outside a class. */
  escape(): { js: string; repeatable: boolean } {
    const c = this.peek();
    this.pos++;
    switch (c) {
      case 'A':
        return { js: '(?<![\\s\\S])', repeatable: false };
      case 'z':
        return { js: '(?![\\s\\S])', repeatable: false };
      case 'b':
      case 'B':
        return { js: `\\${c}`, repeatable: false };
      case 's':
        return { js: `[${re2Space}]`, repeatable: true };
      case 'S':
        return { js: `[^${re2Space}]`, repeatable: true };
      case 'Q': {
        const end = this.src.indexOf('\\E', this.pos);
        const text = this.src.slice(this.pos, end === -1 ? undefined : end);
        this.pos = end === -1 ? this.src.length : end + 2;
        for (const ch of text) this.noteCase(ch);
        return { js: [...text].map(literal).join(''), repeatable: text !== '' };
      }
      case 'C':
        return unsupported('\\C (any byte)');
      default:
        return { js: this.classEscape(c), repeatable: true };
    }
  }

  /** An escape valid both inside and outside a class; `c` is the letter after `\`. */
  classEscape(c: string): string {
    if (c === '') return invalid('trailing backslash at end of expression');
    if ('dDwW'.includes(c)) return `\\${c}`;
    if (c === 'p' || c === 'P') return this.unicodeClass(c);
    const simple: Record<string, string> = {
      a: '\\x07',
      f: '\\f',
      t: '\\t',
      n: '\\n',
      r: '\\r',
      v: '\\v',
    };
    if (simple[c] !== undefined) return simple[c];
    if (c === 'x') {
      const m = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(this.src.slice(this.pos));
      if (m === null) return invalid('invalid escape sequence: `\\x`');
      this.pos += m[0].length;
      const code = parseInt(m[1] ?? m[2] ?? '0', 16);
      if (code > 0x10ffff) invalid('invalid escape sequence');
      return literal(String.fromCodePoint(code));
    }
    if (/[0-7]/.test(c)) {
      // A lone \1-\9 would be a backreference: RE2 has none.
      const m = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))?.[0] ?? '';
      if (c !== '0' && m === '') invalid(`invalid escape sequence: \`\\${c}\``);
      this.pos += m.length;
      return literal(String.fromCodePoint(parseInt(c + m, 8)));
    }
    if (/[!-/:-@[-`{-~]/.test(c)) return literal(c);
    return invalid(`invalid escape sequence: \`\\${c}\``);
  }

  unicodeClass(c: string): string {
    let name = this.peek();
    let negate = c === 'P';
    if (name === '{') {
      const end = this.src.indexOf('}', this.pos);
      if (end === -1) invalid('invalid character class range');
      name = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      this.pos++;
    }
    if (name.startsWith('^')) {
      negate = !negate;
      name = name.slice(1);
    }
    const prop = generalCategories.test(name) ? name : `Script=${name}`;
    try {
      new RegExp(`\\p{${prop}}`, 'u');
    } catch {
      invalid(`invalid character class range: \`\\p{${name}}\``);
    }
    return `\\${negate ? 'P' : 'p'}{${prop}}`;
  }

  charClass(): string {
    let out = '[';
    if (this.peek() === '^') {
      out += '^';
      this.pos++;
    }
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === '') return invalid('missing closing ]');
      if (c === ']' && !first) {
        this.pos++;
        return `${out}]`;
      }
      const isFirst = first;
      first = false;
      const named = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (named !== null) {
        const set = posix[named[2] ?? ''];
        if (set === undefined) invalid(`invalid character class range: \`${named[0]}\``);
        if (named[1] === '^') unsupported('a negated POSIX class');
        out += set;
        this.pos += named[0].length;
        continue;
      }
      this.pos++;
      if (c === '\\') {
        const e = this.peek();
        this.pos++;
        if (e === 's') out += re2Space;
        else if (e === 'S') unsupported('\\S inside a character class');
        else out += this.classEscape(e);
        continue;
      }
      if (c === '-') {
        // A `-` first or last is itself; between two characters it makes a range.
        out += isFirst || this.peek() === ']' ? '\\-' : '-';
        continue;
      }
      const cp = String.fromCodePoint(this.src.codePointAt(this.pos - 1) ?? 0);
      this.pos += cp.length - 1;
      this.noteCase(cp);
      out += literal(cp);
    }
  }
}

const cache = new Map<string, TranslatedRegex>();

/** Compiles a Terraform regular expression; RE2 errors fail, untranslatable syntax is unknown. */
export function compileRe2(pattern: string): TranslatedRegex {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const t = new Translator(pattern);
  const source = t.translate();
  if (t.flagStack.length > 0) invalid('missing closing )');
  let regex: RegExp;
  try {
    regex = new RegExp(source, t.caseSeen === true ? 'giu' : 'gu');
  } catch (error) {
    return unsupported(`syntax JavaScript reads differently (${(error as Error).message})`);
  }
  const out = { regex, groups: t.groups };
  if (cache.size > 500) cache.clear();
  cache.set(pattern, out);
  return out;
}
