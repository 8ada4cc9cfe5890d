import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rendererSource } from './rendererSource';

const builtFile = join(process.cwd(), 'out', 'renderer', 'index.html');
const built = pathToFileURL(builtFile).href;

describe('rendererSource: which page the shell loads and trusts for IPC', () => {
  it('ignores ELECTRON_RENDERER_URL in a packaged build', () => {
    expect(rendererSource({ packaged: true, env: { ELECTRON_RENDERER_URL: 'http://evil' }, builtFile })).toBe(built);
    expect(rendererSource({ packaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, builtFile })).toBe(built);
  });

  it('loads the built file when no dev server is named', () => {
    expect(rendererSource({ packaged: false, env: {}, builtFile })).toBe(built);
    expect(rendererSource({ packaged: false, env: { ELECTRON_RENDERER_URL: '' }, builtFile })).toBe(built);
    expect(rendererSource({ packaged: true, env: {}, builtFile })).toBe(built);
  });

  it("uses electron-vite's dev server when not packaged", () => {
    expect(rendererSource({ packaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, builtFile })).toBe('http://localhost:5173/');
  });

  it('refuses an override that is not an http(s) page, even in development', () => {
    for (const override of ['file:///tmp/other.html', 'javascript:alert(1)', 'not a url', 'data:text/html,<script>x</script>']) {
      expect(rendererSource({ packaged: false, env: { ELECTRON_RENDERER_URL: override }, builtFile })).toBe(built);
    }
  });
});
