import type { DoraReport } from '../../../src-shared/domain/dora';
import { createCore } from '../../core/createCore';
import { createDemoWorkspace } from './index';
import { fixedClock } from './testClock';

describe("DORA figures over the demo's 30 days", () => {
  it('has events for all four figures, with no server', async () => {
    const core = createCore({ dataDir: ':memory:', version: 't', log: () => {}, clock: fixedClock(), workspace: (c) => createDemoWorkspace({ clock: c }) });
    const result = await core.dispatch('audit:dora', { weeks: 5 });
    if (!result.ok) throw new Error(result.error.message);
    const { total, weeks } = result.value as DoraReport;
    core.dispose();
    expect(weeks).toHaveLength(5);
    expect(total.deploymentFrequency.value).toBeGreaterThanOrEqual(5);
    expect(total.leadTimeMs.value).toBeGreaterThan(3 * 3_600_000);
    expect(total.changeFailureRate.value).toBeGreaterThan(0);
    expect(total.changeFailureRate.value).toBeLessThan(1);
    expect(total.recoveryMs.value).toBeGreaterThan(0);
    // The two aborted releases: the canary's fail verdict, then the guard's abort a minute later.
    expect(total.recoveryMs.counted.filter((e) => e.action === 'rollout.aborted').map((e) => e.objectId).sort()).toEqual(['checkout', 'payments']);
    for (const figure of [total.deploymentFrequency, total.leadTimeMs, total.changeFailureRate, total.recoveryMs]) {
      expect(figure.counted.length).toBeGreaterThan(0);
    }
    console.log(
      `demo DORA: ${total.deploymentFrequency.value} deployments, lead ${(total.leadTimeMs.value! / 3_600_000).toFixed(1)} h, ` +
        `CFR ${(total.changeFailureRate.value! * 100).toFixed(0)} %, recovery ${(total.recoveryMs.value! / 60_000).toFixed(1)} min`,
    );
  });
});
