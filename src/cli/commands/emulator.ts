import { GcadoptError } from '../../errors.js';
import type { DuplicateAnswer, DuplicateKey } from '../../emulator/index.js';
import type { CommandContext } from '../context.js';

function readNumber(opts: Record<string, unknown>, key: string, min: number, max: number): number {
  const raw = opts[key];
  const value = Number(raw);
  if (
    typeof raw !== 'string' ||
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max
  ) {
    const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new GcadoptError(
      'usage',
      `--${flag} must be a number from ${min} to ${max}, not "${String(raw)}"`,
    );
  }
  return value;
}

/** `gcadopt emulator`: serves an emulated org until SIGINT/SIGTERM. */
export async function run(
  ctx: CommandContext,
  _args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const { startEmulator, readSeedFile, nameCompareRules, parseDuplicateFlag } =
    await import('../../emulator/index.js');
  // Absent, the seed's (or persisted) rule applies: commander gives it no default.
  const nameCompare = nameCompareRules.find((rule) => rule === opts.nameCompare);
  const duplicates: { [K in DuplicateKey]?: DuplicateAnswer } = {};
  for (const flag of (opts.duplicate as string[] | undefined) ?? []) {
    const parsed = parseDuplicateFlag(flag);
    if ('error' in parsed) throw new GcadoptError('usage', parsed.error);
    duplicates[parsed.key] = parsed.answer;
  }
  const deletedNamesBlock = opts.deletedNamesBlock === true ? true : undefined;
  const overrides = { nameCompare, duplicates, deletedNamesBlock };
  const seed = typeof opts.seed === 'string' ? await readSeedFile(opts.seed, overrides) : undefined;
  const emulator = await startEmulator({
    ...overrides,
    seed,
    dataFile: typeof opts.data === 'string' ? opts.data : undefined,
    port: readNumber(opts, 'port', 0, 65535),
    latencyMs: readNumber(opts, 'latency', 0, 60_000),
    faultRate: readNumber(opts, 'faultRate', 0, 1),
    faultSeed: readNumber(opts, 'faultSeed', 0, 2 ** 32 - 1),
    tokenLifetime: readNumber(opts, 'tokenLifetime', 1, 172_800),
    duplicateStatus: opts.duplicateStatus === '400' ? 400 : 409,
  });
  const client = emulator.clients[0];
  const out = ctx.io.stdout;
  out.write(`Genesys Cloud emulator listening on ${emulator.url}\n`);
  out.write(`${emulator.store.list().length} division(s); use it with:\n`);
  out.write(`  export GCADOPT_API_URL=${emulator.url}\n`);
  if (client !== undefined) {
    // These are the emulator's own throwaway credentials, printed so they can be used.
    out.write(`  export GENESYSCLOUD_OAUTHCLIENT_ID=${client.id}\n`);
    out.write(`  export GENESYSCLOUD_OAUTHCLIENT_SECRET=${client.secret}\n`);
  }
  out.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    if (ctx.io.signal === undefined) return;
    if (ctx.io.signal.aborted) resolve();
    ctx.io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await emulator.close();
  out.write('emulator stopped\n');
  return 0;
}
