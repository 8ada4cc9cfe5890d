import { renderHook } from '@testing-library/react';
import { useSameValue } from './useSameValue';

describe('useSameValue', () => {
  it('keeps the earlier object while the content is the same, and takes the new one when it is not', () => {
    const first = { from: 1, to: 2 };
    const { result, rerender } = renderHook(({ value }) => useSameValue(value), { initialProps: { value: first } });
    expect(result.current).toBe(first);
    rerender({ value: { from: 1, to: 2 } });
    expect(result.current).toBe(first);
    const moved = { from: 1, to: 3 };
    rerender({ value: moved });
    expect(result.current).toBe(moved);
  });
});
