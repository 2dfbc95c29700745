/**
 * Code points that must not reach a terminal, log viewer or rendered page as
 * they are: C0 and C1 controls (ESC starts CSI/OSC sequences that recolour,
 * retitle or hyperlink a terminal; CR and BS overwrite what was shown), DEL,
 * the line and paragraph separators, and the bidirectional marks, embeddings,
 * overrides and isolates (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) that
 * reorder what is displayed (CVE-2021-42574, "Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Text from the org or the configuration (names, ids, file names, messages),
 * made safe to show: every code point above is written as `\uXXXX`, so the
 * output stays one line and looks like what it holds. The one place this
 * escaping lives; renderers and tables all call it.
 */
export function printable(text: string): string {
  return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Characters that GitHub-flavoured Markdown would turn into markup: emphasis,
 * code, links and images, HTML tags and entities (`&#8238;` is a bidi override
 * again), table cells, strikethrough, math and headings.
 */
const markup = /[\\`*_{}[\]<>()#+!|~&$@]/g;

/**
 * Text for a Markdown table cell or any other Markdown that GitHub renders:
 * {@link printable}, then every markup character backslash-escaped (which
 * CommonMark allows for all ASCII punctuation), and the starts of bare
 * autolinks (`https://`, `www.`) broken, so a name can add no link, HTML,
 * table column or formatting.
 */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(markup, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}
