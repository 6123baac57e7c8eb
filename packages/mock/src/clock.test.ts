import { describe, expect, it } from 'vitest';
import { createManualClock, createWallClock, HOUR } from './clock.js';
import { KfMockError } from './errors.js';

describe('createWallClock', () => {
  it('follows the time source and moves ahead of it with advance and set', () => {
    let machine = 1_764_000_000_000;
    const clock = createWallClock(() => machine);
    expect(clock.now()).toBe(1_764_000_000_000);
    machine += 5000;
    expect(clock.now()).toBe(1_764_000_005_000);
    clock.advance(48 * HOUR);
    expect(clock.now()).toBe(1_764_000_005_000 + 48 * HOUR);
    machine += 1000;
    expect(clock.now()).toBe(1_764_000_006_000 + 48 * HOUR);
    clock.set(2_000_000_000_000);
    expect(clock.now()).toBe(2_000_000_000_000);
    machine += 250;
    expect(clock.now()).toBe(2_000_000_000_250);
  });

  it('never goes backwards, even when the machine clock is stepped back', () => {
    let machine = 1_000_000;
    const clock = createWallClock(() => machine);
    expect(clock.now()).toBe(1_000_000);
    machine -= 60_000;
    expect(clock.now()).toBe(1_000_000);
    expect(() => clock.set(999_999)).toThrow(KfMockError);
    expect(() => clock.advance(-1)).toThrow(KfMockError);
  });
});

describe('createManualClock', () => {
  it('only moves when told to', () => {
    const clock = createManualClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    expect(() => clock.set(1499)).toThrow(KfMockError);
  });
});
