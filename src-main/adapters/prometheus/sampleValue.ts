import { RingsideError } from '../../../src-shared/ipc/result';

/**
 * A sample value from its Prometheus string form. Go writes non-finite floats as "NaN", "+Inf"
 * and "-Inf", which Number() reads only in part, so they are mapped here and kept as numbers.
 */
export function parseSampleValue(text: string): number {
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
  }
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isNaN(value)) {
    throw new RingsideError('bad_response', `Prometheus answered a sample value that is not a number: ${JSON.stringify(text.slice(0, 40))}.`);
  }
  return value;
}

/** Unix seconds with a fraction (as Prometheus writes them) to epoch milliseconds. */
export const secondsToMs = (seconds: number): number => Math.round(seconds * 1000);

/** Epoch milliseconds to the unix seconds Prometheus reads, at millisecond precision. */
export const msToSeconds = (ms: number): string => {
  const text = (ms / 1000).toFixed(3);
  return text.replace(/\.?0+$/, '') || '0';
};
