/**
 * Serve mode trades the `?token=` in the address for a cookie; drop it from the address bar too,
 * so it does not linger in history, screenshots or a copied link.
 */
export function stripTokenFromAddress(win: Pick<Window, 'location' | 'history'> = window): void {
  const url = new URL(win.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
}
