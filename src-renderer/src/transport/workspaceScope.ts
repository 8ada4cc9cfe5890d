/**
 * Which workspace this window or tab works in: the `workspace` parameter of its own address, so
 * several can be open side by side (a tab each in serve mode, a window each in the desktop app)
 * and a reload stays where it was. Absent: the console's default workspace.
 */
export function currentWorkspaceId(location: Pick<Location, 'search'> = window.location): string | null {
  const id = new URLSearchParams(location.search).get('workspace');
  return id && /^[a-z0-9][a-z0-9-]{0,62}$/.test(id) ? id : null;
}

/** The address of this page in another workspace (the rest of the query kept). */
export function addressFor(id: string, location: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string {
  const params = new URLSearchParams(location.search);
  params.set('workspace', id);
  return `${location.pathname}?${params.toString()}${location.hash}`;
}

/** Switch this window or tab to another workspace in one step: a fresh page, so nothing of the old one is mixed in. */
export function switchWorkspace(id: string, win: Pick<Window, 'location'> = window): void {
  win.location.assign(addressFor(id, win.location));
}
