import fc from 'fast-check';
import { channelNames } from '../../../src-shared/ipc/contract';
import { badTextCases, casesFor, shown } from '../../../test-harness/fuzz/channelCases';
import { createTally, fuzzSettings, refusalProblem, watchUnhandledRejections } from '../../../test-harness/fuzz/refusal';
import { fieldsOf, schemaAccepts, toJsonText } from '../../../test-harness/fuzz/wire';
import { startServer, type RunningServer } from '../server';
import { fuzzCore, snapshot } from './fuzzCore';
import { invokeClient } from './invokeClient';

/**
 * The serve transport: each case is written as JSON text (so `__proto__` arrives as an own key, NaN and
 * ±Infinity as 1e400 / -1e400, deep nesting as 10,000 brackets) and POSTed to /api/invoke/<channel> with
 * the token, as the console's own page does. What the server parses is what the schema is checked on.
 */
const settings = fuzzSettings();

describe('fuzz: every channel over the loopback HTTP server', () => {
  const { core, logs, rendererDir } = fuzzCore();
  const unhandled = watchUnhandledRejections();
  const tally = createTally('loopback HTTP (POST /api/invoke/<channel>)');
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  let server: RunningServer;
  let client: ReturnType<typeof invokeClient>;
  let baseline: Record<string, unknown>;
  let logged = 0;

  beforeAll(async () => {
    server = await startServer({ core, rendererDir });
    client = invokeClient(server);
    await snapshot(core); // the first reads fill caches and seed the demo's history
    baseline = await snapshot(core);
    logged = logs.length;
  });
  afterAll(async () => {
    tally.print();
    unhandled.stop();
    client.close();
    await server.close();
    core.dispose();
  });

  it.each(channelNames)('%s: every invalid body is answered 400 bad_request in JSON, and nothing changes', async (channel) => {
    const fields = fieldsOf(channel);
    let bytes = 0;
    const cases = casesFor(channel)
      .map((c) => ({ ...c, text: toJsonText(c.payload) }))
      .filter((c) => !schemaAccepts(channel, JSON.parse(c.text)));
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const reply = await client.post(channel, c.text);
        expect(reply.status, reply.body.slice(0, 300)).toBe(400);
        expect(reply.type).toBe('application/json; charset=utf-8');
        const answer = JSON.parse(reply.body) as { error: { message: string } };
        expect(refusalProblem(channel, fields, answer)).toBeNull();
        tally.count(channel, c, answer.error.message);
        bytes = Math.max(bytes, Buffer.byteLength(c.text));
      }),
      settings,
    );
    tally.note(channel, `largest body ${bytes} bytes`);
    expect(tally.cases(channel)).toBeGreaterThanOrEqual(settings.numRuns);
    expect(await snapshot(core)).toEqual(baseline);
    expect(logs.slice(logged)).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(unhandled.seen).toEqual([]);
  });

  it.each(channelNames.filter((c) => badTextCases(c).length))('%s: a NUL or lone surrogate in any string field is refused, naming it', async (channel) => {
    const fields = fieldsOf(channel);
    const failures: string[] = [];
    for (const c of badTextCases(channel)) {
      const reply = await client.post(channel, toJsonText(c.payload));
      const answer = reply.type.startsWith('application/json') ? (JSON.parse(reply.body) as { error?: { message?: string } }) : reply.body;
      const problem = reply.status === 400 ? refusalProblem(channel, fields, answer) : `HTTP ${reply.status}: ${reply.body.slice(0, 200)}`;
      const message = typeof answer === 'string' ? '' : (answer.error?.message ?? '');
      if (problem) failures.push(`${c.field} with ${shown(c.bad)}: ${problem}`);
      else if (!message.startsWith(`${channel}: ${c.field}`)) failures.push(`${c.field} with ${shown(c.bad)}: message names another field: ${message}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(core)).toEqual(baseline);
    expect(unhandled.seen).toEqual([]);
  });
});
