import { describe, expect, it } from 'vitest';
import { backoffDelay, retryDelay } from '../../renderer/sync/backoff';

describe('backoff', () => {
  it.each([
    [1, 1, 1000], [2, 1, 2000], [4, 1, 8000], [7, 1, 60_000], [30, 1, 60_000],
  ])('after %i failures the longest wait is capped (random=%d → %d ms)', (failures, random, expected) => {
    expect(backoffDelay(failures, () => random)).toBe(expected);
  });

  it('never retries in a tight loop, even when the random draw is 0', () => {
    expect(backoffDelay(1, () => 0)).toBeGreaterThanOrEqual(500);
  });

  it('spreads retries: half-way draws give half the ceiling', () => {
    expect(backoffDelay(4, () => 0.5)).toBe(4000);
  });

  it('a busy server\'s Retry-After is waited out, spread over up to half as long again; a longer backoff still wins', () => {
    expect(retryDelay(1, () => 0, 15_000)).toBe(15_000);
    expect(retryDelay(1, () => 1, 15_000)).toBe(22_500);
    expect(retryDelay(7, () => 1, 15_000)).toBe(60_000);
    expect(retryDelay(1, () => 0.5)).toBe(backoffDelay(1, () => 0.5));
    // A proxy's maintenance page saying "a day" does not stop a kiosk's sync for a day.
    expect(retryDelay(1, () => 0, 86_400_000)).toBe(60_000);
    expect(retryDelay(1, () => 0, 86_400_000, 30_000)).toBe(30_000);
  });
});
