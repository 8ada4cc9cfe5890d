import type { RequestOf, ResponseOf } from '../../../src-shared/ipc/contract';
import { fail, type Result } from '../../../src-shared/ipc/result';
import { currentApi } from './bridge';
import { settle } from './loadInto';
import { loadFlags, loadPolicy, loadWorkspace, loadWorkspaces } from './loaders';
import { useRingside } from './useRingside';

const disconnected = () => fail('unavailable', 'The Ringside core is not connected; nothing was changed.');

/** The workspace this window works in changed under it: read what it shows again. */
async function reloadIfCurrent(id: string): Promise<void> {
  if (useRingside.getState().workspace.data?.id !== id) return;
  await Promise.all([loadWorkspace(), loadPolicy(), loadFlags()]);
}

/** Add or edit a workspace; the secrets in the request go to main once and never come back. */
export async function saveWorkspace(request: RequestOf<'workspaces:save'>): Promise<Result<ResponseOf<'workspaces:save'>>> {
  const api = currentApi();
  if (!api) return disconnected();
  const result = await settle(() => api.workspaces.save(request));
  await loadWorkspaces();
  if (result.ok) await reloadIfCurrent(result.value.id);
  return result;
}

export async function removeWorkspace(id: string): Promise<Result<ResponseOf<'workspaces:remove'>>> {
  const api = currentApi();
  if (!api) return disconnected();
  const result = await settle(() => api.workspaces.remove({ id }));
  await loadWorkspaces();
  return result;
}

/** Test connection, for a saved workspace by its id or for the form's values (secrets as typed). */
export async function testWorkspace(request: RequestOf<'workspaces:test'>): Promise<Result<ResponseOf<'workspaces:test'>>> {
  const api = currentApi();
  if (!api) return disconnected();
  return settle(() => api.workspaces.test(request));
}

/**
 * Open a workspace beside this one: the desktop app opens a window itself; in serve mode main
 * answers the address of its tab and the browser opens it (noopener: the tabs share nothing).
 */
export async function openWorkspaceBeside(id: string, win: Pick<Window, 'open'> = window): Promise<Result<ResponseOf<'workspaces:open'>>> {
  const api = currentApi();
  if (!api) return disconnected();
  const result = await settle(() => api.workspaces.open({ id }));
  if (result.ok && !result.value.opened) win.open(result.value.path, '_blank', 'noopener');
  return result;
}
