import fc from 'fast-check';
import { channelNames } from '../../../src-shared/ipc/contract';
import { badTextCases, casesFor, shown } from '../../../test-harness/fuzz/channelCases';
import { createTally, fuzzSettings, refusalProblem, watchUnhandledRejections } from '../../../test-harness/fuzz/refusal';
import { acrossPreload, fieldsOf, schemaAccepts } from '../../../test-harness/fuzz/wire';
import { fuzzCore, snapshot } from './fuzzCore';

/**
 * Main's side of the desktop transport: the ipc handler (shell/ipc.ts) checks the calling frame and hands
 * the payload to core.dispatch; the preload passes the renderer's value through ipcRenderer.invoke, a
 * structured clone. So each case is cloned first, exactly as that hop would, then dispatched.
 */
const settings = fuzzSettings();

describe('fuzz: every channel through dispatch, as the preload reaches it', () => {
  const { core, logs } = fuzzCore();
  const unhandled = watchUnhandledRejections();
  const tally = createTally('dispatch (structured clone, as ipcRenderer.invoke sends it)');
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  let baseline: Record<string, unknown>;
  let logged = 0;

  beforeAll(async () => {
    await snapshot(core); // the first reads fill caches and seed the demo's history
    baseline = await snapshot(core);
    logged = logs.length;
  });
  afterAll(() => {
    tally.print();
    unhandled.stop();
    core.dispose();
  });

  it.each(channelNames)('%s: every invalid payload is answered bad_request, and nothing changes', async (channel) => {
    const fields = fieldsOf(channel);
    let uncloned = 0;
    const cases = casesFor(channel)
      .map((c) => ({ ...c, ...acrossPreload(c.payload) }))
      .filter((c) => !schemaAccepts(channel, c.payload));
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const answer = await core.dispatch(channel, c.payload, null);
        expect(refusalProblem(channel, fields, answer)).toBeNull();
        tally.count(channel, c, (answer as { error: { message: string } }).error.message);
        if (!c.cloned) uncloned += 1;
      }),
      settings,
    );
    tally.note(channel, `${uncloned} too deep to clone, dispatched as built`);
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
      const { payload } = acrossPreload(c.payload);
      const answer = await core.dispatch(channel, payload, null);
      const problem = refusalProblem(channel, fields, answer);
      const message = (answer as { error?: { message?: string } }).error?.message ?? '';
      if (problem) failures.push(`${c.field} with ${shown(c.bad)}: ${problem}`);
      else if (!message.startsWith(`${channel}: ${c.field}`)) failures.push(`${c.field} with ${shown(c.bad)}: message names another field: ${message}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(core)).toEqual(baseline);
    expect(unhandled.seen).toEqual([]);
  });
});
