import { z } from 'zod';

// zod probes for eval with `new Function('')` when its first object schema is built; under the
// renderer's CSP (script-src 'self') that probe is reported as a violation. Checking is the same.
z.config({ jitless: true });
