import { guardNotice } from './guardNotice';

const alert = {
  planId: 'plan-1',
  releaseId: 'payments-3ds-1.4.0',
  ring: 'Ring 1 (employees)',
  message: 'error_rate canary 2.4 % is more than 2× baseline 0.5 %',
  at: 1_800_000_000_000,
};

describe('guard desktop notice', () => {
  it('says what the guard did to each layer and why, including a layer that failed', () => {
    const notice = guardNotice({
      ...alert,
      acted: true,
      layers: [
        { layer: 'rollout', target: 'shop/payments', ok: true, message: 'aborted' },
        { layer: 'flag', target: 'payments.3ds2-challenge-flow', ok: false, message: 'Unleash answered 401' },
      ],
    });
    expect(notice).toEqual({
      title: 'Ringside stopped payments-3ds-1.4.0 at Ring 1 (employees)',
      body: [
        'error_rate canary 2.4 % is more than 2× baseline 0.5 %',
        'rollout shop/payments: done, aborted',
        'flag payments.3ds2-challenge-flow: FAILED, Unleash answered 401',
      ].join('\n'),
      urgent: true,
    });
  });

  it('only recommends when the plan is set to recommend', () => {
    const notice = guardNotice({ ...alert, acted: false, layers: [] });
    expect(notice.title).toBe('Ringside recommends stopping payments-3ds-1.4.0 at Ring 1 (employees)');
    expect(notice.urgent).toBe(false);
  });
});
