import { readFileSync } from 'node:fs';
import { CSP, HEADER_ONLY_DIRECTIVES, META_CSP } from './csp';

/** directive name -> its sources, in order */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `${name} appears twice`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Every CSP <meta> of an HTML page, as the content attribute's text. */
function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)].map((tag) => /content="([^"]*)"/i.exec(tag[0])?.[1] ?? '');
}

describe('the renderer CSP', () => {
  const header = parse(CSP);

  it('allows no inline script or style, no eval and no other origin', () => {
    const sources = [...header.values()].flat();
    expect(sources).not.toContain("'unsafe-inline'");
    expect(sources).not.toContain("'unsafe-eval'");
    expect(sources).not.toContain("'unsafe-hashes'");
    expect(sources.filter((s) => s === '*' || /^[a-z][\w+.-]*:\/\//i.test(s) || /^https?:$/i.test(s))).toEqual([]);
    expect(header.get('default-src')).toEqual(["'self'"]);
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('style-src')).toEqual(["'self'"]);
    expect(header.has('style-src-attr') || header.has('style-src-elem') || header.has('script-src-attr')).toBe(false);
  });

  it('forbids framing, plugins, <base> and form posts', () => {
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('form-action')).toEqual(["'none'"]);
  });

  it('keeps header-only directives out of the <meta> policy and everything else the same', () => {
    const meta = parse(META_CSP);
    for (const name of HEADER_ONLY_DIRECTIVES) expect(meta.has(name), name).toBe(false);
    const expected = new Map([...header].filter(([name]) => !HEADER_ONLY_DIRECTIVES.includes(name)));
    expect(meta).toEqual(expected);
  });

  it('is the policy index.html carries in its one CSP <meta>', () => {
    const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
    expect(metaPolicies(html)).toEqual([META_CSP]);
  });
});
