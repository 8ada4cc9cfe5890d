import type { ChannelName } from '../../src-shared/ipc/contract';
import type { FuzzCase } from './mutations';

/**
 * Cases per channel per transport: a few hundred in `npm test`, 10,000 in `npm run fuzz` (FUZZ_RUNS).
 * FUZZ_SEED replays a failing run (fast-check prints the seed and path of every counterexample).
 */
export function fuzzSettings(): { numRuns: number; seed?: number } {
  const runs = Number(process.env.FUZZ_RUNS ?? 200);
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive whole number, not "${process.env.FUZZ_RUNS}"`);
  return seed === undefined ? { numRuns: runs } : { numRuns: runs, seed };
}

/** The longest refusal message allowed: parse.ts caps the issue text at 500 characters, plus the channel name. */
export const MESSAGE_LIMIT = 600;

/**
 * The answer must be exactly `{ ok: false, error: { code: 'bad_request', message } }`, its message short and
 * starting with `<channel>: <where>:`, where is `request` or a path whose first step is a field of the channel.
 */
export function refusalProblem(channel: ChannelName, fields: string[], answer: unknown): string | null {
  const a = answer as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (!a || a.ok !== false || typeof a.error !== 'object' || a.error === null) return `not a refusal: ${preview(answer)}`;
  if (Object.keys(a).sort().join() !== 'error,ok') return `extra keys in the answer: ${Object.keys(a).join(', ')}`;
  const { code, message } = a.error;
  if (code !== 'bad_request') return `code ${String(code)} instead of bad_request: ${preview(message)}`;
  if (Object.keys(a.error).sort().join() !== 'code,message') return `extra keys in the error: ${Object.keys(a.error).join(', ')}`;
  if (typeof message !== 'string') return 'message is not a string';
  if (message.length > MESSAGE_LIMIT) return `message is ${message.length} characters long`;
  const prefix = `${channel}: `;
  if (!message.startsWith(prefix)) return `message does not start with the channel: ${preview(message)}`;
  const where = message.slice(prefix.length).split(':')[0]!;
  if (where !== 'request' && !fields.includes(where.split('.')[0]!)) return `message names neither a field nor the request: ${preview(message)}`;
  return null;
}

const preview = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** Collects unhandled rejections while a suite runs; none may happen. */
export function watchUnhandledRejections() {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason instanceof Error ? (reason.stack ?? reason.message) : reason);
  process.on('unhandledRejection', listener);
  return { seen, stop: () => void process.off('unhandledRejection', listener) };
}

/** How many cases of which kind each channel got on a transport, printed when the suite ends. */
export function createTally(transport: string) {
  const rows = new Map<ChannelName, { cases: number; huge: number; deep: number; proto: number; extra: string; longest: number }>();
  return {
    count(channel: ChannelName, fuzzCase: Pick<FuzzCase, 'mutations' | 'huge'>, message: string, extra?: string) {
      const row = rows.get(channel) ?? { cases: 0, huge: 0, deep: 0, proto: 0, extra: '', longest: 0 };
      const text = JSON.stringify(fuzzCase.mutations);
      row.cases += 1;
      row.huge += fuzzCase.huge ? 1 : 0;
      row.deep += text.includes('"depth"') ? 1 : 0;
      row.proto += /"key":"(__proto__|constructor|prototype)"/.test(text) ? 1 : 0;
      row.longest = Math.max(row.longest, message.length);
      if (extra) row.extra = extra;
      rows.set(channel, row);
    },
    cases: (channel: ChannelName) => rows.get(channel)?.cases ?? 0,
    note(channel: ChannelName, extra: string) {
      const row = rows.get(channel);
      if (row) row.extra = extra;
    },
    print() {
      const lines = [...rows].map(
        ([channel, r]) =>
          `  ${channel.padEnd(24)} ${String(r.cases).padStart(6)} cases (huge ${r.huge}, deep ${r.deep}, proto keys ${r.proto}; longest message ${r.longest})${r.extra ? `; ${r.extra}` : ''}`,
      );
      const total = [...rows.values()].reduce((sum, r) => sum + r.cases, 0);
      console.log(`fuzz over ${transport}: ${total} invalid payloads over ${rows.size} channels\n${lines.join('\n')}`);
    },
  };
}
