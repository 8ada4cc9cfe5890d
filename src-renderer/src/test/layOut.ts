import { act } from '@testing-library/react';
import { settle } from './renderConsole';

/**
 * jsdom lays nothing out: give every element with `className` a height (call the returned function
 * to take it back), as a window would give the scroller of a virtual list.
 */
export function giveHeight(className: string, px: number): () => void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains(className) ? px : 0;
    },
  });
  return () => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  };
}

/** Scroll an element by hand, as a person dragging its scrollbar would; resolves once the rows are drawn. */
export function scrollerOf(element: HTMLElement): (px: number) => Promise<void> {
  let top = 0;
  Object.defineProperty(element, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
  element.scrollTo = ((options: ScrollToOptions) => {
    top = options.top ?? top;
    element.dispatchEvent(new Event('scroll'));
  }) as typeof element.scrollTo;
  return async (px: number) => {
    top = px;
    await act(async () => {
      element.dispatchEvent(new Event('scroll'));
    });
    await settle();
  };
}
