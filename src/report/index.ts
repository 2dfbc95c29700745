import type { CheckResult } from '../preflight/types.js';
import { renderGithub } from './render-github.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';

export { renderGithub, renderJson, renderMarkdown, renderSarif, renderText };

/** The report formats of `gcadopt check`. */
export type ReportFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';

/** Renders a result in `format`. */
export function renderReport(
  result: CheckResult,
  format: ReportFormat,
  options: { color: boolean; version: string },
): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, { version: options.version });
    case 'github':
      return renderGithub(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'text':
      return renderText(result, { color: options.color });
  }
}
