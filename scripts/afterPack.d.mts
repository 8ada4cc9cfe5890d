// Types for scripts/afterPack.mjs (imported by scripts/packaging.test.ts). The context is the part
// of electron-builder's AfterPackContext the hook reads.
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: {
    projectDir: string;
    executableName?: string;
    appInfo: { productFilename: string };
    config: { electronVersion?: string | null };
    getResourcesDir(appOutDir: string): string;
  };
}

export interface NativeStamp {
  electron?: string;
  sqlite?: string;
  platform?: string;
  arch?: string;
}

export declare function electronExecutable(context: AfterPackContextLike): string;
export declare function nativeBindingProblem(input: {
  bundled: boolean;
  stamp: NativeStamp | null;
  electron: string | null | undefined;
  platform: string;
  arch: string;
}): string | null;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;
