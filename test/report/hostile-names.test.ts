import MarkdownIt from 'markdown-it';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { printable } from '../../src/report/printable.js';
import { quoteHclString } from '../../src/terraform/hcl-string.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

/**
 * A division name that tries everything at once: an OSC 8 hyperlink and a
 * screen clear (ESC), a CSI in its C1 form, CR and BS that overwrite, DEL, a
 * line separator, bidi overrides and isolates, a Markdown link, raw HTML, an
 * HTML entity for RLO, table pipes, a mention, bare autolinks, a code span and
 * math, and a GitHub workflow command after an encoded line break.
 */
const hostile =
  'Sales\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u001b[2J\u009b31m\rX\b\u007f\u2028' +
  ' \u202eexe.txt\u202c \u2066iso\u2069 \u061c\u200f [link](https://evil.example) <img src=x onerror=alert(1)>' +
  ' &#8238; | cell | @octocat https://evil.example/x www.evil.example `code` $x^2$ %0A::error::pwned';

/** A file name that tries the same in the location column and the `file=` property. */
const hostileFile = 'a,b:c%0A\u001b[31m|](x)\u202e.tf';

/** Every code point that must never reach an output raw (LF ends lines). */
const raw =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** An org holding the hostile division, and a configuration that wants to create it again. */
async function hostileSetup(): Promise<{ env: Record<string, string>; dir: string }> {
  const emulator = await startTestEmulator({
    seed: {
      divisions: [
        { name: 'Home', home: true },
        { id: '3e0b8f5d-1a7c-4e9b-94f6-8b2c5a0d7e45', name: hostile, description: hostile },
      ],
    },
  });
  const dir = await createTree({
    [hostileFile]: [
      'resource "genesyscloud_auth_division" "evil" {',
      `  name        = ${quoteHclString(hostile)}`,
      `  description = ${quoteHclString(hostile)}`,
      '}',
      '',
    ].join('\n'),
  });
  return { env: emulatorEnv(emulator), dir };
}

/** Decodes a workflow command value the way the runner does (actions/toolkit command.ts). */
function decodeCommandValue(text: string): string {
  return text
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%');
}

describe('hostile names and file names in reports', () => {
  it('text: controls, escapes and bidi marks are shown escaped, one finding line each', async () => {
    const { env, dir } = await hostileSetup();
    const { code, out } = await run(['check', dir, '--format', 'text'], env);
    expect(code).toBe(2);
    expect(out).not.toMatch(raw);
    expect(out).toContain(printable(JSON.stringify(hostile)));
    expect(out).toContain(printable(hostileFile));
    // Org line, blank line, title line, address line, message line, the fix's five lines
    // (`fix:` and a four-line import block), blank line, summary line.
    expect(out.trimEnd().split('\n')).toHaveLength(12);
  });

  it('github: one annotation line whose properties and message decode to the escaped text', async () => {
    const { env, dir } = await hostileSetup();
    const { out } = await run(['check', dir, '--format', 'github'], env);
    expect(out).not.toMatch(raw);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const match = /^::error ([^:]*)::(.*)$/.exec(lines[0] ?? '');
    expect(match).not.toBeNull();
    const props = (match?.[1] ?? '').split(',').map((p) => p.split('='));
    expect(props.map(([k]) => k)).toEqual(['file', 'line', 'title']);
    expect(decodeCommandValue(props[0]?.[1] ?? '')).toBe(printable(hostileFile));
    const message = decodeCommandValue(match?.[2] ?? '');
    expect(message.split('\n')).toHaveLength(2);
    expect(message).toContain(`division "${printable(hostile)}" already exists`);
    expect(lines[1]).toMatch(/^::notice title=gcadopt check::/);
  });

  it('markdown: renders with no link, image, HTML or extra column, showing the escaped name', async () => {
    const { env, dir } = await hostileSetup();
    const { out } = await run(['check', dir, '--format', 'markdown'], env);
    expect(out).not.toMatch(raw);
    const html = new MarkdownIt({ html: true, linkify: true }).render(out);
    expect(html).not.toMatch(/<a |<img|&#8238;|\u202e/);
    const row = /<tr>\s*((?:<td[^>]*>[\s\S]*?<\/td>\s*)+)<\/tr>/g;
    const rows = [...html.matchAll(row)].map((m) =>
      [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1] ?? ''),
    );
    const finding = rows.find((cells) => cells.length === 6);
    expect(finding).toBeDefined();
    expect(rows.filter((cells) => cells.length !== 6 && cells.length !== 3)).toEqual([]);
    const text = (cell: string): string =>
      cell
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&');
    expect(text(finding?.[2] ?? '')).toBe(printable(hostile));
    expect(text(finding?.[4] ?? '')).toBe(`${printable(hostileFile)}:1`);
  });

  it('sarif: message text renders with no link or HTML; SARIF and JSON data keep the exact values', async () => {
    const { env, dir } = await hostileSetup();
    const json = JSON.parse((await run(['check', dir, '--format', 'json'], env)).out) as {
      findings: { name: string; live: { name: string } }[];
    };
    expect(json.findings[0]?.name).toBe(hostile);
    expect(json.findings[0]?.live.name).toBe(hostile);
    const { out } = await run(['check', dir, '--format', 'sarif'], env);
    const sarif = JSON.parse(out) as {
      runs: { results: { message: { text: string }; properties: { liveName: string } }[] }[];
    };
    const [result] = sarif.runs[0]?.results ?? [];
    expect(result?.properties.liveName).toBe(hostile);
    const message = result?.message.text ?? '';
    expect(message).not.toMatch(raw);
    const html = new MarkdownIt({ html: true, linkify: true }).renderInline(message);
    expect(html).not.toMatch(/<a |<img|<code|&#8238;/);
  });
});

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('hostile names in divisions list', () => {
  const formulas = [
    '=HYPERLINK("https://evil.example","x")',
    '+1+cmd|/C calc!A0',
    '-2+3',
    '@SUM(A1)',
  ];

  async function org(): Promise<Record<string, string>> {
    const emulator = await startTestEmulator({
      seed: {
        divisions: [
          { name: 'Home', home: true, description: '\tleading tab' },
          { name: hostile, description: 'plain' },
          ...formulas.map((name, i) => ({ name, description: `\t=${i}` })),
        ],
      },
    });
    return emulatorEnv(emulator);
  }

  it('table: shows every cell escaped, one line per division; json keeps the exact values', async () => {
    const env = await org();
    const names = (
      JSON.parse((await run(['divisions', 'list', '--format', 'json'], env)).out) as {
        name: string;
      }[]
    ).map((d) => d.name);
    expect(names).toContain(hostile);
    expect(names).toContain(formulas[0]);
    const { code, out } = await run(['divisions', 'list'], env);
    expect(code).toBe(0);
    expect(out).not.toMatch(raw);
    expect(out).toContain(printable(hostile));
    expect(out.trimEnd().split('\n')).toHaveLength(1 + 6 + 1);
  });

  it('csv: cells are escaped and formulas defused with a leading quote', async () => {
    const { code, out } = await run(['divisions', 'list', '--format', 'csv'], await org());
    expect(code).toBe(0);
    expect(out.replaceAll('\r\n', '\n')).not.toMatch(raw);
    const rows = parseCsv(out);
    expect(rows).toHaveLength(7);
    const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byName.get(printable(hostile))?.[2]).toBe('plain');
    for (const name of formulas) expect(byName.has(`'${name}`)).toBe(true);
    // No cell starts with a character a spreadsheet would evaluate.
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('hostile text in error messages', () => {
  it('a file name in an error is shown escaped, still on one line', async () => {
    const dir = await createTree({ 'main.tf': '' });
    const plan = join(dir, 'plan\u001b[2J\u001b]0;pwned\u0007\u202e.json');
    const { code, err } = await run(['check', dir, '--plan', plan], {});
    expect(code).toBe(1);
    expect(err).not.toMatch(raw);
    expect(err).toContain(printable(plan));
    expect(err.trimEnd().split('\n')[0]).toMatch(
      /^gcadopt: .*plan\\u001b\[2J\\u001b\]0;pwned\\u0007\\u202e\.json/,
    );
  });
});
