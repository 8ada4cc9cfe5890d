import { memo } from 'react';
import { usePlotArea } from 'recharts';
import { useChartDrawing } from './chartDrawing';

/**
 * The verdict's window, shaded across the plot and labelled at its top right. Each judgement moves
 * it a little (the verdict's window ends at the judgement), so it is drawn here, fed through context
 * like the lines, rather than as a recharts reference area that would redraw the chart every time.
 */
export const ChartWindow = memo(function ChartWindow() {
  const drawing = useChartDrawing();
  const plot = usePlotArea();
  const judged = drawing?.judgedWindow;
  if (!plot || !drawing || !judged) return null;
  const [from, to] = drawing.xDomain;
  if (!(to > from)) return null;
  const xOf = (t: number) => plot.x + (Math.min(Math.max(t, from), to) - from) * (plot.width / (to - from));
  const x1 = xOf(judged.from);
  const x2 = xOf(judged.to);
  if (!(x2 > x1)) return null;
  return (
    <g className="chart-window" data-testid="chart-window">
      <rect className="chart-window-area" x={x1} y={plot.y} width={x2 - x1} height={plot.height} fill="#80868b" fillOpacity={0.08} />
      <text x={x2 - 4} y={plot.y + 12} textAnchor="end" fontSize={10}>
        verdict window
      </text>
    </g>
  );
});
