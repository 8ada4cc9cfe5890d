// Runs unleash-server in its own process so tests can stop (or kill) it by PID.
// Configured by environment: RINGSIDE_UNLEASH_DB_URL, RINGSIDE_UNLEASH_PORT, RINGSIDE_UNLEASH_ADMIN_TOKEN,
// optional RINGSIDE_UNLEASH_LOG_LEVEL (error by default). Logs go to stderr, one line each.
import { start } from 'unleash-server';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`unleash-runner: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
};

const dbUrl = new URL(env('RINGSIDE_UNLEASH_DB_URL'));
const port = Number(env('RINGSIDE_UNLEASH_PORT'));
const adminToken = env('RINGSIDE_UNLEASH_ADMIN_TOKEN');
const levels = ['debug', 'info', 'warn', 'error', 'fatal'];
const minLevel = Math.max(0, levels.indexOf(process.env.RINGSIDE_UNLEASH_LOG_LEVEL ?? 'error'));

const format = (arg) => (arg instanceof Error ? arg.stack ?? arg.message : typeof arg === 'string' ? arg : JSON.stringify(arg));
const getLogger = (category = 'unleash') => {
  const logger = {};
  for (const [index, level] of levels.entries()) {
    logger[level] = (...args) => {
      if (index >= minLevel) process.stderr.write(`[${level}] ${category}: ${args.map(format).join(' ')}\n`);
    };
  }
  return logger;
};

// The parent test process owns us: if it goes away (even by SIGKILL), so do we.
process.on('disconnect', () => process.exit(0));

let unleash;
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  // A wedged shutdown must not outlive the parent's SIGKILL deadline in a useful way.
  setTimeout(() => process.exit(1), 4_000).unref();
  try {
    await unleash?.stop();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

try {
  unleash = await start({
    db: {
      host: dbUrl.hostname,
      port: Number(dbUrl.port || 5432),
      user: decodeURIComponent(dbUrl.username || 'postgres'),
      password: decodeURIComponent(dbUrl.password),
      database: decodeURIComponent(dbUrl.pathname.slice(1)),
      ssl: false,
      pool: { min: 0, max: 4 },
    },
    server: { host: '127.0.0.1', port, gracefulShutdownTimeout: 500 },
    authentication: {
      initApiTokens: [{ type: 'admin', secret: adminToken, environment: '*', projects: ['*'], tokenName: 'ringside-harness' }],
    },
    isOss: true,
    telemetry: false,
    versionCheck: { enable: false },
    getLogger,
  });
  if (stopping) await unleash.stop();
} catch (err) {
  process.stderr.write(`unleash-runner: start failed: ${format(err)}\n`);
  process.exit(1);
}
