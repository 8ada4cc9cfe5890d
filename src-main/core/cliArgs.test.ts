import { parseCliArgs } from './cliArgs';

describe('command-line options', () => {
  it('takes --secrets with --workspace, and defaults it to null', () => {
    expect(parseCliArgs(['--workspace', 'ws.json', '--secrets', '/etc/ringside/secrets.json'])).toMatchObject({ workspaceFile: 'ws.json', secretsFile: '/etc/ringside/secrets.json' });
    expect(parseCliArgs(['--workspace=ws.json'])).toMatchObject({ workspaceFile: 'ws.json', secretsFile: null });
    expect(parseCliArgs([])).toMatchObject({ workspaceFile: null, secretsFile: null, seed: 42, pollMs: 5000 });
  });

  it('refuses --secrets without a file or without --workspace, saying what it is for', () => {
    expect(() => parseCliArgs(['--workspace', 'ws.json', '--secrets='])).toThrow(/--secrets needs a file \(JSON \{"<workspace id>": \{"flags\.token": "…"\}\}, mode 0600\)/);
    expect(() => parseCliArgs(['--secrets', 's.json'])).toThrow(/--secrets goes with --workspace/);
  });
});
