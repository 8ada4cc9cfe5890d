/**
 * The renderer's Content-Security-Policy, one list of directives for the shell and serve mode alike.
 *
 * No 'unsafe-inline' anywhere: the build emits its CSS as a file (style-src 'self'), React and
 * recharts set styles through the CSSOM (element.style), which CSP does not govern, and nothing in
 * the renderer inserts <style> elements or style="" attributes (e2e/csp.spec.ts visits every view
 * and fails on any violation). So no hash or nonce is needed either.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/**
 * Directives a browser honours only from a response header: in a <meta> CSP it ignores them and
 * logs an error on every load.
 */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];

const serialize = (directives: ReadonlyArray<readonly [string, string]>) => directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The full policy, sent as the Content-Security-Policy header (Electron session and serve mode). */
export const CSP = serialize(DIRECTIVES);

/**
 * The same policy less its header-only directives: what src-renderer/index.html carries in its
 * <meta>, as a fallback should a desktop load ever miss the session's header (Electron's security
 * guide still says file:// cannot get one). Both are enforced together, so the page gets the
 * header's policy either way; csp.test.ts keeps index.html equal to this.
 */
export const META_CSP = serialize(DIRECTIVES.filter(([name]) => !HEADER_ONLY_DIRECTIVES.includes(name)));
