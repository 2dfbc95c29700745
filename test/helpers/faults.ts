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
