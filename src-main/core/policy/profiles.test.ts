import { RingsideError } from '../../../src-shared/ipc/result';
import { allows, createProfiles, DEPLOY, resolveProfile } from './profiles';

const envs = [
  { name: 'development', type: 'development' },
  { name: 'production', type: 'production' },
  { name: 'eu-prod', type: 'production' },
];

describe('profiles', () => {
  it('resolves an environment: its own entry, then the default profile, then operator for production in a production workspace, then releaser', () => {
    const policy = { environments: { 'eu-prod': 'viewer' as const } };
    expect(resolveProfile({ production: true, policy }, 'eu-prod', 'production')).toBe('viewer');
    expect(resolveProfile({ production: true, policy }, 'production', 'production')).toBe('operator');
    expect(resolveProfile({ production: true, policy }, 'development', 'development')).toBe('releaser');
    // a type not known yet counts as production there: the safe side
    expect(resolveProfile({ production: true, policy }, 'staging', null)).toBe('operator');
    expect(resolveProfile({ production: true, policy: { ...policy, defaultProfile: 'releaser' } }, 'production', 'production')).toBe('releaser');
    expect(resolveProfile({ production: true, policy: { ...policy, defaultProfile: 'viewer' } }, 'development', 'development')).toBe('viewer');
    // not a production workspace (the demo): releaser everywhere unless the policy says otherwise
    expect(resolveProfile({}, 'production', 'production')).toBe('releaser');
    expect(resolveProfile({ production: false, policy }, 'eu-prod', 'production')).toBe('viewer');
    // a name that is also an Object property is not an entry
    expect(resolveProfile({ policy: { environments: {} } }, 'constructor', null)).toBe('releaser');
  });

  it('resolves deploys: deployProfile, then the default profile, then operator in a production workspace, else releaser', () => {
    expect(resolveProfile({ production: true }, DEPLOY, null)).toBe('operator');
    expect(resolveProfile({ production: false }, DEPLOY, null)).toBe('releaser');
    expect(resolveProfile({ production: true, policy: { environments: {}, deployProfile: 'releaser' } }, DEPLOY, null)).toBe('releaser');
    expect(resolveProfile({ policy: { environments: {}, defaultProfile: 'viewer' } }, DEPLOY, null)).toBe('viewer');
  });

  it('lets a viewer only read, an operator take exposure away, a releaser also add it', () => {
    expect(['flag.off', 'rollout.abort', 'plan.halt'].map((a) => allows('viewer', a as 'flag.off'))).toEqual([false, false, false]);
    expect(['flag.off', 'rollout.lower', 'strategy.disable', 'flag.killByTag', 'rollout.abort', 'rollout.pause', 'plan.rollback', 'plan.halt'].every((a) => allows('operator', a as 'flag.off'))).toBe(true);
    expect(['flag.on', 'rollout.raise', 'strategy.enable', 'rollout.promote', 'plan.advance', 'gate.install', 'rollout.retry', 'plan.edit', 'windows.edit'].some((a) => allows('operator', a as 'flag.on'))).toBe(false);
    expect(['flag.on', 'plan.advance', 'gate.install', 'flag.off'].every((a) => allows('releaser', a as 'flag.on'))).toBe(true);
  });

  it('refuses with forbidden, naming the person, the profile, the scope and what to ask for', () => {
    const profiles = createProfiles({ production: true, policy: { environments: { development: 'viewer' } } }, () => envs);
    expect(() => profiles.requireAllowed('flag.off', 'production', 'ana')).not.toThrow();
    const on = (() => {
      try {
        profiles.requireAllowed('flag.on', 'production', 'ana');
      } catch (error) {
        return error;
      }
    })();
    expect(on).toBeInstanceOf(RingsideError);
    expect(on).toMatchObject({
      code: 'forbidden',
      message: 'ana: the operator profile in environment production may not turn a flag on; ask for releaser there in the workspace policy, or ask someone who has it.',
    });
    expect(() => profiles.requireAllowed('flag.off', 'development', 'bea')).toThrow(/bea: the viewer profile in environment development may not turn a flag off; ask for operator/);
    expect(() => profiles.requireAllowed('rollout.promote', DEPLOY, 'ana')).toThrow(/the operator profile in deploys \(rollouts, rings, gates\) may not promote a rollout; ask for releaser/);
    // a deploy action is judged in the deploy scope whatever scope the caller names
    expect(() => profiles.requireAllowed('plan.advance', 'development', 'ana')).toThrow(/in deploys/);
  });
});
