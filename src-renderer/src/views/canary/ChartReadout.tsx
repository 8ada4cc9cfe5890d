import { memo } from 'react';
import { usePlotArea } from 'recharts';
import { useChartDrawing } from './chartDrawing';
import { nearestIndex } from './chartScale';
import { usePointerX, type ChartPointer } from './chartPointer';

const BOX_WIDTH = 168;
const LINE_PX = 16;
const GAP = 10;

/**
 * What the lines say under the pointer: the nearest sample's time, a cursor there and each line's
 * value at its nearest sample. Drawn in the SVG (attributes only, no inline styles) and ignoring the
 * pointer itself, so marker lines under it keep their titles. Only this re-renders as the mouse moves.
 *
 * `recharts-tooltip-wrapper` is kept beside our own class for selectors written against recharts'
 * tooltip, which this replaces.
 */
export const ChartReadout = memo(function ChartReadout({ pointer, formatTime }: { pointer: ChartPointer; formatTime: (t: number) => string }) {
  const drawing = useChartDrawing();
  const plot = usePlotArea();
  const px = usePointerX(pointer);
  if (!drawing || !plot || px === null) return null;
  const { series, formatValue } = drawing;
  const [from, to] = drawing.xDomain;
  const [lo, hi] = drawing.yDomain;
  if (!(to > from) || px < plot.x || px > plot.x + plot.width) return null;
  const xOf = (t: number) => plot.x + ((t - from) / (to - from)) * plot.width;
  const yOf = (v: number) => plot.y + plot.height - ((v - lo) / (hi - lo)) * plot.height;
  const time = from + ((px - plot.x) / plot.width) * (to - from);
  const at = series.map((s) => {
    const i = nearestIndex(s.line.t, time);
    return i < 0 ? null : { t: s.line.t[i]!, v: s.line.v[i]! };
  });
  // the cursor sits on the sample nearest the pointer among the lines
  const snapped = at.reduce<number | null>((best, p) => (p && (best === null || Math.abs(p.t - time) < Math.abs(best - time)) ? p.t : best), null);
  if (snapped === null) return null;
  const cursorX = xOf(snapped);
  const boxHeight = LINE_PX * (series.length + 1) + 8;
  const boxX = cursorX + GAP + BOX_WIDTH <= plot.x + plot.width ? cursorX + GAP : Math.max(plot.x, cursorX - GAP - BOX_WIDTH);
  const boxY = plot.y + 4;
  return (
    <g className="chart-readout recharts-tooltip-wrapper" data-testid="chart-readout" pointerEvents="none">
      <line className="chart-readout-cursor" x1={cursorX} x2={cursorX} y1={plot.y} y2={plot.y + plot.height} />
      {series.map((s, i) => {
        const p = at[i];
        return p && <circle key={s.key} cx={xOf(p.t)} cy={yOf(p.v)} r={3} fill={s.color} />;
      })}
      <rect className="chart-readout-box" x={boxX} y={boxY} width={BOX_WIDTH} height={boxHeight} rx={4} />
      <text x={boxX + 8} y={boxY + LINE_PX}>
        <tspan className="chart-readout-time">{formatTime(snapped)}</tspan>
        {series.map((s, i) => (
          <tspan key={s.key} x={boxX + 8} dy={LINE_PX} fill={s.color}>
            {`${s.name}: ${at[i] ? formatValue(at[i]!.v) : 'no data'}`}
          </tspan>
        ))}
      </text>
    </g>
  );
});
