import { FaultInjector, type Fault } from '../../src/emulator/faults.js';

/**
 * The first emulator fault seed whose API requests, at fault rate 1, get
 * exactly `wanted` first: found with the emulator's own injector, so the test
 * knows which fault each attempt meets.
 */
export function findFaultSeed(wanted: readonly Fault[]): number {
  for (let seed = 1; seed < 1_000_000; seed++) {
    const faults = new FaultInjector(1, seed);
    if (wanted.every((fault) => faults.next() === fault)) return seed;
  }
  throw new Error(`no fault seed starts with ${wanted.join(', ')}`);
}

/** How many of the first `draws` API requests the emulator faults at this rate and seed. */
export function countFaults(rate: number, seed: number, draws: number): number {
  const faults = new FaultInjector(rate, seed);
  let count = 0;
  for (let i = 0; i < draws; i++) if (faults.next() !== undefined) count += 1;
  return count;
}
