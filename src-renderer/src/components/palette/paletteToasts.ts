import { create } from 'zustand';
import type { FlagOp } from '../../store/slices/flagOpsSlice';
import type { Outcome } from './PaletteOutcome';

/**
 * What the palette's commands did, kept after the palette closed: it closes the moment a command
 * runs (so a second Enter acts on nothing), and the result lives on here, shown as toasts.
 */
export interface PaletteToast {
  id: number;
  outcome: Outcome;
  /** the newest result takes keyboard focus, so the next keystroke cannot reach a button behind */
  takeFocus: boolean;
}

/** The most results shown at once; older ones go first. */
export const PALETTE_TOASTS = 3;

interface PaletteToastsState {
  toasts: PaletteToast[];
}

export const usePaletteToasts = create<PaletteToastsState>(() => ({ toasts: [] }));

let nextId = 1;

const update = (id: number, change: (outcome: Outcome) => Outcome) =>
  usePaletteToasts.setState((s) => ({ toasts: s.toasts.map((t) => (t.id === id ? { ...t, outcome: change(t.outcome) } : t)) }));

/** Show a kill the palette sent: pending at once, then what the server answered. */
export async function showPaletteKill(label: string, sent: Promise<FlagOp>): Promise<void> {
  const id = nextId++;
  usePaletteToasts.setState((s) => ({
    toasts: [...s.toasts.map((t) => ({ ...t, takeFocus: false })), { id, outcome: { label, op: null }, takeFocus: true }].slice(-PALETTE_TOASTS),
  }));
  const op = await sent;
  update(id, (o) => ({ ...o, op }));
}

export const markKeptTrying = (id: number) => update(id, (o) => ({ ...o, keptTrying: true }));

export const dismissPaletteToast = (id: number) => usePaletteToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));

export const clearPaletteToasts = () => usePaletteToasts.setState({ toasts: [] });
