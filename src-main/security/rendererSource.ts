import { pathToFileURL } from 'node:url';

export interface RendererSourceInput {
  /** Electron's app.isPackaged: true in an installed build. */
  packaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Absolute path of the built out/renderer/index.html. */
  builtFile: string;
}

/**
 * The one page a window may load and the only origin whose IPC main accepts. `npm run dev` points
 * ELECTRON_RENDERER_URL at its dev server (http: or https:); an installed build never honours it:
 * anyone who can set an environment variable would otherwise choose which page gets the preload
 * bridge (issue 13).
 */
export function rendererSource({ packaged, env, builtFile }: RendererSourceInput): string {
  const built = pathToFileURL(builtFile).href;
  const override = env.ELECTRON_RENDERER_URL;
  if (packaged || !override) return built;
  try {
    const url = new URL(override);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : built;
  } catch {
    return built;
  }
}
