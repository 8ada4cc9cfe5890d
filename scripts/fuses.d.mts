// Types for scripts/fuses.mjs (imported by scripts/packaging.test.ts).
import type { FuseV1Config } from '@electron/fuses';

export declare const FUSES: Readonly<Record<string, boolean>>;
export declare const ASAR_INTEGRITY_PLATFORMS: readonly string[];
export declare function fuseConfig(platform: string, arch: string): FuseV1Config;
