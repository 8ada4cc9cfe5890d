import { useLayoutEffect, useState, type RefObject } from 'react';

/** Before the element is laid out (and in jsdom), and the least it shrinks to on a short window. */
const FIRST_HEIGHT = 420;
const MIN_HEIGHT = 240;

/**
 * A height that takes the element from where it starts to the bottom of the window, keeping what
 * the page puts under it (paddings) in view, so the page itself never scrolls. Kept up as the
 * window resizes or what is above the element grows (a banner appearing).
 */
export function useFillHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(FIRST_HEIGHT);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      const rect = el.getBoundingClientRect();
      const top = rect.top + window.scrollY;
      // What the page lays out under the element (its containers' paddings); the document's own height, not the window's.
      const page = document.documentElement.getBoundingClientRect().height;
      const below = Math.max(0, page - (top + rect.height));
      setHeight(Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - top - below)));
    };
    fit();
    window.addEventListener('resize', fit);
    const view = el.closest('section');
    const observer = typeof ResizeObserver === 'undefined' || !view ? null : new ResizeObserver(fit);
    if (observer && view) observer.observe(view);
    return () => {
      window.removeEventListener('resize', fit);
      observer?.disconnect();
    };
  }, [ref]);
  return height;
}
