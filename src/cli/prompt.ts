import type { CommandContext } from './context.js';

/** Asks a yes/no question on the terminal; anything but y/yes is no. */
export function confirm(ctx: CommandContext, question: string): Promise<boolean> {
  const stdin = ctx.io.stdin;
  ctx.io.stderr.write(`${question} [y/N] `);
  if (stdin === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    let answer = '';
    const done = (): void => {
      stdin.removeAllListeners?.('data');
      stdin.removeAllListeners?.('end');
      stdin.pause?.();
      resolve(/^\s*y(es)?\s*$/i.test(answer));
    };
    stdin.setEncoding?.('utf8');
    stdin.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\n')) done();
    });
    stdin.on('end', done);
    stdin.resume?.();
  });
}
