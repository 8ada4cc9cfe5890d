import { stripTokenFromAddress } from './stripToken';

describe('stripTokenFromAddress', () => {
  it('removes the token query parameter and keeps the rest of the address', () => {
    window.history.replaceState(null, '', '/canary?token=s3cret&release=a#top');
    stripTokenFromAddress();
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/canary?release=a#top');
  });

  it('leaves an address without a token alone', () => {
    window.history.replaceState(null, '', '/?view=audit');
    const spy = vi.spyOn(window.history, 'replaceState');
    stripTokenFromAddress();
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
