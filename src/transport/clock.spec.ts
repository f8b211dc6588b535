import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortReason, systemClock } from './clock.js';

/** The wall clock's sleep, under vitest's fake timers: no real wait, the timer's length observed exactly. */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Whether `promise` has settled (either way) once pending microtasks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('systemClock.sleep', () => {
  it('resolves after the milliseconds asked for, not before', async () => {
    const sleeping = systemClock.sleep(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(sleeping)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(sleeping)).toBe(true);
  });

  it('a negative wait is no wait', async () => {
    expect(await settled(systemClock.sleep(-500))).toBe(true);
  });

  it('a wait past what setTimeout takes is clamped to its maximum, not fired at once', async () => {
    const sleeping = systemClock.sleep(2 ** 40);
    await vi.advanceTimersByTimeAsync(2 ** 31 - 2);
    expect(await settled(sleeping)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(sleeping)).toBe(true);
  });

  it('an abort ends the sleep at once with the reason and clears its timer; a finished sleep stops listening', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(45_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);

    const later = new AbortController();
    const removed = vi.spyOn(later.signal, 'removeEventListener');
    const done = systemClock.sleep(10, later.signal);
    await vi.advanceTimersByTimeAsync(10);
    await done;
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('an already aborted signal rejects without starting a timer', async () => {
    const reason = new Error('already');
    await expect(systemClock.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('abortReason', () => {
  it("is the signal's reason when it has one", () => {
    const reason = new Error('SIGTERM');
    expect(abortReason(AbortSignal.abort(reason))).toBe(reason);
  });

  it('is an AbortError DOMException for a signal without a reason', () => {
    const reason = abortReason({ aborted: true, reason: undefined } as unknown as AbortSignal);
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('AbortError');
  });
});
