import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = join(root, 'bin', 'gcadopt-action.js');

/** Runs the Action's entry point as the runner does: a process with INPUT_* and the runner's files. */
function runEntry(env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

async function runnerFiles() {
  const runner = await createTree({ 'output.txt': '', 'summary.md': '' });
  return {
    runner,
    env: {
      GITHUB_OUTPUT: join(runner, 'output.txt'),
      GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
      RUNNER_TEMP: runner,
    },
  };
}

describe('the GitHub Action (action.yml and its entry point)', () => {
  it('maps every input of action.yml to the INPUT_* variable the entry point reads, and each output to the step', async () => {
    const yml = await readFile(join(root, 'action.yml'), 'utf8');
    for (const name of ['folder', 'plan', 'format', 'fail-on'])
      expect(yml).toContain(`INPUT_${name.toUpperCase()}: \${{ inputs.${name} }}`);
    for (const name of ['exit-code', 'blocking', 'errors', 'warnings', 'sarif'])
      expect(yml).toContain(`value: \${{ steps.check.outputs.${name} }}`);
    expect(yml).toContain('run: node "$GITHUB_ACTION_PATH/bin/gcadopt-action.js"');
  });

  it('is shown in the README as a workflow can use it: by the path of a checked-out copy, no placeholder owner', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/<owner>/);
    const uses = [...readme.matchAll(/^\s*uses: (\S+)\s*#.*gcadopt/gm)].map((m) => m[1]);
    expect(uses).toEqual(['./tools/gcadopt']);
    // A local action runs from the folder it names: the install must start from there.
    const yml = await readFile(join(root, 'action.yml'), 'utf8');
    expect(yml).toContain('npm ci --no-audit --no-fund --prefix "$GITHUB_ACTION_PATH"');
  });

  it("annotates, writes outputs, the step summary and the SARIF file, and exits with check's code", async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await writeFile(join(dir, '.git'), 'gitdir: elsewhere\n');
    const { runner, env } = await runnerFiles();
    const result = await runEntry(
      {
        ...emulatorEnv(org),
        ...env,
        INPUT_FOLDER: '.',
        INPUT_PLAN: 'plan.json',
        INPUT_FORMAT: '',
        'INPUT_FAIL-ON': 'error',
      },
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('::error file=main.tf,line=23,title=gcadopt conflict');
    const sarifPath = join(runner, 'gcadopt', 'gcadopt.sarif');
    expect(await readFile(env.GITHUB_OUTPUT, 'utf8')).toBe(
      `exit-code=2\nblocking=7\nerrors=7\nwarnings=4\nsarif=${sarifPath}\n`,
    );
    expect(await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')).toMatch(
      /^### ❌ gcadopt check: terraform apply would fail\n/,
    );
    const sarif = JSON.parse(await readFile(sarifPath, 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
  });

  it('exits 1 with an ::error line and the exit-code output for a bad input', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { env } = await runnerFiles();
    const bad = await runEntry({ ...emulatorEnv(org), ...env, INPUT_FORMAT: 'html' }, dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      '::error title=gcadopt::input format: "html" is not one of text, json, sarif, github, markdown\n',
    );
    expect(await readFile(env.GITHUB_OUTPUT, 'utf8')).toBe('exit-code=1\n');
    expect(bad.stderr).toBe('');
  });
});
