import { toFlagChangeRequest, UnleashChangeRequest } from './unleashChangeRequests';

// Shaped like Unleash Enterprise's change request (the types its frontend reads: id, environment,
// state, createdBy { id, username, imageUrl }, createdAt, features[].changes[], approvals[]).
const answer = {
  id: 12,
  title: 'Change request #12',
  project: 'default',
  environment: 'production',
  minApprovals: 1,
  state: 'Approved',
  createdBy: { id: 2, username: 'alice', imageUrl: null },
  createdAt: '2026-03-01T10:00:00.000Z',
  features: [
    { name: 'search.ranking', changes: [{ id: 1, action: 'updateStrategy', payload: { id: 's1', name: 'default' } }] },
    { name: 'checkout.pricing', changes: [{ id: 2, action: 'updateEnabled', payload: { enabled: true } }] },
  ],
  segments: [],
  approvals: [{ createdBy: { id: 3, username: null, imageUrl: null }, createdAt: '2026-03-01T11:00:00.000Z' }],
  rejections: [],
  comments: [],
};

describe('an Unleash change request as Ringside shows it', () => {
  it('keeps the on/off change it holds, who asked, when, and who approved', () => {
    expect(toFlagChangeRequest(UnleashChangeRequest.parse(answer))).toEqual({
      id: '12',
      flag: 'checkout.pricing',
      environment: 'production',
      enabled: true,
      state: 'Approved',
      requestedBy: 'alice',
      requestedAt: Date.parse('2026-03-01T10:00:00.000Z'),
      approvedBy: ['user #3'],
    });
  });

  it('prefers the named flag in a draft that holds several, and skips requests without an on/off change', () => {
    const two = { ...answer, features: [...answer.features, { name: 'profile.bio', changes: [{ id: 3, action: 'updateEnabled', payload: { enabled: false } }] }] };
    expect(toFlagChangeRequest(UnleashChangeRequest.parse(two), 'profile.bio')).toMatchObject({ flag: 'profile.bio', enabled: false });
    expect(toFlagChangeRequest(UnleashChangeRequest.parse({ ...answer, features: [answer.features[0]] }))).toBeNull();
  });

  it('refuses a state Unleash does not have', () => {
    expect(UnleashChangeRequest.safeParse({ ...answer, state: 'Merged' }).success).toBe(false);
  });
});
