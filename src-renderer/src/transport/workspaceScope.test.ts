import { describe, expect, it, vi } from 'vitest';
import { addressFor, currentWorkspaceId, switchWorkspace } from './workspaceScope';

describe('the workspace a page works in', () => {
  it('is the workspace parameter of its address, when it is a workspace id', () => {
    expect(currentWorkspaceId({ search: '?workspace=prod-eu' })).toBe('prod-eu');
    expect(currentWorkspaceId({ search: '' })).toBeNull();
    expect(currentWorkspaceId({ search: '?workspace=Prod%20EU' })).toBeNull();
    expect(currentWorkspaceId({ search: '?workspace=%2e%2e%2f' })).toBeNull();
  });

  it('switches in one step to the same page in another workspace, keeping the rest of the address', () => {
    expect(addressFor('staging', { pathname: '/', search: '?workspace=prod&view=audit', hash: '#x' })).toBe('/?workspace=staging&view=audit#x');
    const assign = vi.fn();
    switchWorkspace('staging', { location: { pathname: '/index.html', search: '', hash: '', assign } as unknown as Location });
    expect(assign).toHaveBeenCalledExactlyOnceWith('/index.html?workspace=staging');
  });
});
