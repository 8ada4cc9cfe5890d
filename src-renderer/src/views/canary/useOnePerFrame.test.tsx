import { act, render, screen } from '@testing-library/react';
import { useOnePerFrame } from './useOnePerFrame';

function Shown({ id, value }: { id: string; value: number }) {
  return <output data-testid={id}>{useOnePerFrame(value)}</output>;
}
const shown = (id: string) => screen.getByTestId(id).textContent;

describe('useOnePerFrame', () => {
  let frames: FrameRequestCallback[];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const nextFrame = () => act(() => frames.shift()?.(performance.now()));

  it('shows the first value at once, then hands on new values one hook per frame, oldest first', async () => {
    const ui = (a: number, b: number, c: number) => (
      <>
        <Shown id="a" value={a} />
        <Shown id="b" value={b} />
        <Shown id="c" value={c} />
      </>
    );
    const { rerender } = render(ui(1, 1, 1));
    expect([shown('a'), shown('b'), shown('c')]).toEqual(['1', '1', '1']);

    rerender(ui(2, 2, 2));
    expect([shown('a'), shown('b'), shown('c')]).toEqual(['1', '1', '1']);
    expect(frames).toHaveLength(1);
    await nextFrame();
    expect([shown('a'), shown('b'), shown('c')]).toEqual(['2', '1', '1']);
    await nextFrame();
    expect([shown('a'), shown('b'), shown('c')]).toEqual(['2', '2', '1']);
    await nextFrame();
    expect([shown('a'), shown('b'), shown('c')]).toEqual(['2', '2', '2']);
    expect(frames).toHaveLength(0);
  });

  it('never draws a value replaced before its frame came', async () => {
    const { rerender } = render(<Shown id="a" value={1} />);
    rerender(<Shown id="a" value={2} />);
    rerender(<Shown id="a" value={3} />);
    await nextFrame();
    expect(shown('a')).toBe('3');
    await nextFrame();
    expect(shown('a')).toBe('3');
  });
});
