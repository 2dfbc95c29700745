import type { CommandContext } from './context.js';

/**
 * Runs `task` with a spinner on stderr when stderr is a terminal (never in
 * pipes, CI logs or --debug runs, where it would only add noise). Its frames
 * are coloured, so colour turned off (--no-color, NO_COLOR, FORCE_COLOR=0)
 * turns it off too.
 */
export async function withSpinner<T>(
  ctx: CommandContext,
  text: string,
  task: () => Promise<T>,
): Promise<T> {
  const stderr = ctx.io.stderr;
  if (!ctx.globals.spinner) return task();
  const { default: yoctoSpinner } = await import('yocto-spinner');
  const spinner = yoctoSpinner({ text, stream: stderr as NodeJS.WriteStream }).start();
  try {
    const result = await task();
    spinner.stop();
    return result;
  } catch (error) {
    spinner.stop();
    throw error;
  }
}
