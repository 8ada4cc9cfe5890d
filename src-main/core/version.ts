/** Replaced at build time by electron-vite's define; tests run from source and see 'dev'. */
declare const __RINGSIDE_VERSION__: string | undefined;

export const version: string = typeof __RINGSIDE_VERSION__ === 'string' ? __RINGSIDE_VERSION__ : 'dev';
