// Types for scripts/check-node.mjs (imported by scripts/releaseWorkflow.test.ts).
export declare function minimumOf(range: string | null | undefined): [number, number, number] | null;
export declare function nodeProblem(current: string, minimum: readonly number[], electronVersion: string): string | null;
