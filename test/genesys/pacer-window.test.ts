import { describe, expect, it } from 'vitest';
import { Pacer, type Clock } from '../../src/genesys/pacer.js';

/** A clock that stands still unless a sleep moves it; sleeps are recorded. */
function createManualClock(start = 1_000_000): Clock & { t: number; slept: number[] } {
  const clock = {
    t: start,
    slept: [] as number[],
    now: () => clock.t,
    sleep: (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

describe('Pacer window', () => {
  it('admits a request again exactly 60.5 s after the oldest one', async () => {
    const clock = createManualClock();
    const pacer = new Pacer(2, clock);
    await pacer.acquire();
    clock.t += 1000;
    await pacer.acquire();
    clock.t += 59_500;
    await pacer.acquire();
    expect(clock.slept).toEqual([]);
  });

  it('waits until 1 ms past the end of the oldest window', async () => {
    const clock = createManualClock();
    const pacer = new Pacer(2, clock);
    await pacer.acquire();
    clock.t += 1000;
    await pacer.acquire();
    clock.t += 59_000;
    await pacer.acquire();
    expect(clock.slept).toEqual([501]);
    await pacer.acquire();
    expect(clock.slept).toEqual([501, 1000]);
  });

  it('counts every admitted request', async () => {
    const clock = createManualClock();
    const pacer = new Pacer(3, clock);
    for (let i = 0; i < 3; i++) await pacer.acquire();
    expect(clock.slept).toEqual([]);
    await pacer.acquire();
    expect(clock.slept).toEqual([60_501]);
  });
});

describe('Pacer.learn', () => {
  it.each<[string | null, number]>([
    ['100', 90],
    ['11', 9],
    ['1', 1],
    ['2', 1],
    ['0', 300],
    ['-10', 300],
    ['12.5', 300],
    ['', 300],
    [null, 300],
    ['garbage', 300],
  ])('allowed %j -> limit %i (configured 300)', (header, limit) => {
    const pacer = new Pacer(300, createManualClock());
    pacer.learn(header);
    expect(pacer.limit).toBe(limit);
  });

  it('never rises above a ceiling the caller set, even after learning a lower limit', () => {
    const pacer = new Pacer(50, createManualClock(), 50);
    pacer.learn('20');
    expect(pacer.limit).toBe(18);
    pacer.learn('1000');
    expect(pacer.limit).toBe(50);
  });
});
