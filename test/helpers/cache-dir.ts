import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * A private token-cache folder (0700, as mkdtemp makes it) removed when the
 * current test finishes, so no test leaves cache folders in the system temp folder.
 */
export function createTestCacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcadopt-cache-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    // Called outside a test (at collection time): remove it when the worker exits.
    process.once('exit', remove);
  }
  return dir;
}
