import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { startTestEmulator } from './emulator.js';

/** The bundled example configuration folder. */
export const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** An emulator seeded with examples/org.json. */
export async function startExampleOrg(): Promise<Emulator> {
  const seed = JSON.parse(await readFile(join(examplesDir, 'org.json'), 'utf8')) as unknown;
  return startTestEmulator({ seed });
}

/** A private copy of the example configuration (removed after the test). */
export async function copyExample(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-example-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await cp(examplesDir, dir, { recursive: true });
  return dir;
}

/** Builds a temp folder from `{ relative path: content }`. */
export async function createTree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-tree-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
