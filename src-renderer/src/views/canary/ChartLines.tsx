import { memo, useMemo } from 'react';
import { usePlotArea } from 'recharts';
import { useChartDrawing } from './chartDrawing';
import { linePath } from './chartScale';

/**
 * The lines themselves, drawn inside recharts' frame (its axes, grid and markers) as one path each,
 * over the domains the axes were given and the plot area recharts laid out. recharts never sees the
 * samples: new ones reach this component through context and change only the two `d` attributes.
 *
 * The `recharts-line` / `recharts-line-curve` classes are kept beside our own so that selectors
 * written against the earlier recharts lines (e2e, styles) still find the lines.
 */
export const ChartLines = memo(function ChartLines() {
  const drawing = useChartDrawing();
  const plot = usePlotArea();
  // keyed on the plot's numbers, not its object: recharts may hand out a new one with the same numbers
  const [x, y, width, height] = [plot?.x ?? 0, plot?.y ?? 0, plot?.width ?? 0, plot?.height ?? 0];
  const paths = useMemo(
    () => drawing?.series.map((s) => linePath(s.line, drawing.xDomain, drawing.yDomain, { x, y, width, height })) ?? [],
    [drawing, x, y, width, height],
  );
  if (!plot || !drawing) return null;
  return (
    <g className="chart-lines">
      {drawing.series.map((s, i) => (
        <g key={s.key} className="chart-line recharts-line" data-series={s.key}>
          <path
            className="chart-line-curve recharts-line-curve"
            d={paths[i]}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            strokeLinejoin="round"
            strokeLinecap="round"
          >
            <title>{s.name}</title>
          </path>
        </g>
      ))}
    </g>
  );
});
