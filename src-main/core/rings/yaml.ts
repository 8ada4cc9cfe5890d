import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;

/**
 * The yaml package, loaded on first use (a kubeconfig read, a gate exported or installed): a start
 * without them, like the demo's, does not pay the ~50–100 ms of loading it. Synchronous, so the
 * callers stay as they are; in Node `import 'yaml'` resolves to this same CommonJS build.
 */
export const loadYaml = (): Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as Yaml);
