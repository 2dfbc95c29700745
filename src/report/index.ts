import type { CheckResult } from '../preflight/types.js';
import { renderGithub } from './render-github.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';
import type { ReportTarget } from './describe.js';

export { renderGithub, renderJson, renderMarkdown, renderSarif, renderText };
export type { ReportTarget };

/** The report formats of `gcadopt check`. */
export type ReportFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';

/** Renders a result in `format`. */
export function renderReport(
  result: CheckResult,
  format: ReportFormat,
  options: {
    color: boolean;
    version: string;
    target?: ReportTarget | undefined;
    /** SARIF: the file a result without a source points at. */
    fallbackFile?: string | undefined;
  },
): string {
  const { target } = options;
  switch (format) {
    case 'json':
      return renderJson(result, { target });
    case 'sarif':
      return renderSarif(result, {
        version: options.version,
        target,
        fallbackFile: options.fallbackFile,
      });
    case 'github':
      return renderGithub(result, { target });
    case 'markdown':
      return renderMarkdown(result, { target });
    case 'text':
      return renderText(result, { color: options.color, target });
  }
}
