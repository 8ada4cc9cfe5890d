import { join } from 'node:path';
import { parseCliArgs } from './core/cliArgs';
import { defaultDataDir } from './core/paths';
import { verifyAuditFile } from './core/store/verifyFile';

/** `npm run audit:verify [-- --data-dir DIR]`: check the local audit history's hash chain. Exit 1 if broken. */
function main() {
  const options = parseCliArgs(process.argv.slice(2));
  const file = join(options.dataDir ?? defaultDataDir(), 'ringside.db');
  const report = verifyAuditFile(file);
  if (report.ok) {
    console.log(`audit chain intact: ${report.checked} rows verified in ${file}`);
    return 0;
  }
  console.log(`audit chain BROKEN at row ${report.firstBroken?.id}: ${report.firstBroken?.reason} (${report.checked} rows before it verified) in ${file}`);
  return 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`Ringside could not verify the audit: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
