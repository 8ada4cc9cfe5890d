import { act, render, screen } from '@testing-library/react';
import type { JSX } from 'react';
import { lazyView } from './lazyViews';

/** A module load the test settles by hand. */
function deferredLoad() {
  const loads: { resolve(component: (props: { name: string }) => JSX.Element): void; reject(error: Error): void }[] = [];
  const load = () =>
    new Promise<(props: { name: string }) => JSX.Element>((resolve, reject) => {
      loads.push({ resolve, reject });
    });
  return { load, loads };
}
const Hello = ({ name }: { name: string }) => <p>Hello {name}</p>;

describe('lazyView', () => {
  it('shows a placeholder until its code arrives, then the view with its props', async () => {
    const { load, loads } = deferredLoad();
    const View = lazyView(load, 'Greeting');
    render(<View name="ops" />);
    expect(screen.getByText('Loading Greeting…')).toBeTruthy();
    await act(async () => loads[0]!.resolve(Hello));
    expect(screen.getByText('Hello ops')).toBeTruthy();
  });

  it('renders at once, without a placeholder, once preloaded; the code is fetched once', async () => {
    const { load, loads } = deferredLoad();
    const View = lazyView(load, 'Greeting');
    const preloaded = View.preload();
    void View.preload();
    expect(loads).toHaveLength(1);
    loads[0]!.resolve(Hello);
    await preloaded;
    render(<View name="ops" />);
    expect(screen.getByText('Hello ops')).toBeTruthy();
  });

  it('fetches again after a failed load', async () => {
    const { load, loads } = deferredLoad();
    const View = lazyView(load, 'Greeting');
    const first = View.preload();
    loads[0]!.reject(new Error('connection dropped'));
    await expect(first).rejects.toThrow('connection dropped');
    const second = View.preload();
    expect(loads).toHaveLength(2);
    loads[1]!.resolve(Hello);
    await second;
    render(<View name="again" />);
    expect(screen.getByText('Hello again')).toBeTruthy();
  });
});
