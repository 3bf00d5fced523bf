import { act, renderHook } from '@testing-library/react';
import { useNow } from './useNow';

describe('useNow', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2025-03-10T12:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('moves on by itself so countdowns tick', () => {
    const { result } = renderHook(() => useNow(30_000));
    expect(result.current).toBe(Date.parse('2025-03-10T12:00:00Z'));

    act(() => {
      jest.advanceTimersByTime(30_000);
    });
    expect(result.current).toBe(Date.parse('2025-03-10T12:00:30Z'));

    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(result.current).toBe(Date.parse('2025-03-10T12:01:30Z'));
  });

  it('stops ticking when unmounted', () => {
    const { unmount } = renderHook(() => useNow(30_000));
    unmount();
    expect(jest.getTimerCount()).toBe(0);
  });
});
