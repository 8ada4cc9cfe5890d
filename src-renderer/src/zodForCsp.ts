/**
 * What `import … from 'zod'` resolves to in the renderer build (electron.vite.config.ts aliases it):
 * zod set jitless before any module can build a schema. zod probes for eval with `new Function('')`
 * when its first object schema is built, which the CSP (script-src 'self') reports as a violation.
 * main.tsx's first import does the same, but once the build splits the lazy views into chunks, zod
 * and the schemas sit in a shared chunk that runs before main.tsx's own modules; an importer of this
 * module always runs after it.
 */
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z, z as default };
