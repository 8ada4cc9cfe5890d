import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const importElectron = "import { app } from 'electron';\nexport const a = app;\n";

describe('import boundaries (eslint no-restricted-imports per folder)', () => {
  it.each([
    ['src-main/core/flags/x.ts', importElectron, /Only src-main\/shell may import electron/],
    ['src-main/core/store/x.ts', importElectron, /electron/],
    ['src-main/serve/x.ts', importElectron, /electron/],
    ['src-main/adapters/demo/x.ts', importElectron, /electron/],
    ['src-main/core/flags/x.ts', "import { startServer } from '../../serve/server';\nexport const s = startServer;\n", /no transport/],
    ['src-main/core/flags/x.ts', "import D from 'better-sqlite3';\nexport const d = D;\n", /SQL lives in src-main\/core\/store/],
    ['src-main/core/flags/x.ts', "import { createDemoWorkspace } from '../../adapters/demo/index';\nexport const c = createDemoWorkspace;\n", /ports/],
    ['src-shared/ipc/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", /no Node modules/],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", /electron/],
    ['src-renderer/src/x.ts', "import { createCore } from '../../src-main/core/createCore';\nexport const c = createCore;\n", /only through the contract/],
  ])('%s refuses the import (case %#)', async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages.join('\n')).toMatch(message);
  });

  it('allows the shell to import electron and the core to use its store', async () => {
    expect(await restrictedImports('src-main/shell/x.ts', importElectron)).toEqual([]);
    expect(await restrictedImports('src-main/core/store/x.ts', "import D from 'better-sqlite3';\nexport const d = D;\n")).toEqual([]);
  });
});
