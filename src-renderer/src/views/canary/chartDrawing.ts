import { createContext, useContext } from 'react';
import type { ChartLine } from './chartData';

export interface ChartSeries {
  key: 'canary' | 'baseline';
  name: string;
  color: string;
  line: ChartLine;
}

/** What a chart draws itself inside recharts' frame, over the domains the axes were given: what changes on a refresh. */
export interface ChartDrawing {
  series: readonly ChartSeries[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** the samples the verdict compared: it moves with every judgement, so it is drawn here too */
  judgedWindow: { from: number; to: number } | null;
  formatValue: (value: number) => string;
}

/**
 * Handed to the lines and the readout through context, past recharts: new samples then re-render
 * those two and nothing of recharts, whose chart re-renders (and re-registers its children in its
 * store, redrawing every axis, label and marker) whenever it is rendered at all.
 */
export const ChartDrawingContext = createContext<ChartDrawing | null>(null);

export const useChartDrawing = (): ChartDrawing | null => useContext(ChartDrawingContext);
