import { fireEvent, screen } from '@testing-library/react';
import { fail } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { renderConsole, settle } from '../../test/renderConsole';
import { nameProblem } from './IdentitySetting';
import { WorkspaceSettings } from './WorkspaceSettings';

const field = () => screen.getByRole('textbox', { name: 'Your name in the audit' }) as HTMLInputElement;

describe('your name in the workspace settings', () => {
  it('shows the name main records (the OS user by default), sets another and goes back to the OS user', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    expect(field().value).toBe('oncall');
    expect(screen.getByText(/Now the OS user \(oncall\)\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Use the OS user/ })).toBeNull();

    fireEvent.change(field(), { target: { value: '  Ana Ribeiro ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await settle();
    expect(bridge.requestsTo('workspace:setIdentity')).toEqual([{ actor: 'Ana Ribeiro' }]);
    expect(screen.getByRole('status').textContent).toBe('Saved: your actions from now on are recorded as Ana Ribeiro.');
    expect(field().value).toBe('Ana Ribeiro');

    fireEvent.click(screen.getByRole('button', { name: 'Use the OS user (oncall)' }));
    await settle();
    expect(bridge.requestsTo('workspace:setIdentity').at(-1)).toEqual({ actor: null });
    expect(field().value).toBe('oncall');
  });

  it('says in words what is wrong with a name before anything is sent, with the contract’s own rule', async () => {
    expect(nameProblem('ana')).toBeNull();
    expect(nameProblem('x'.repeat(101))).toBe('Your name must be at most 100 characters.');
    const bridge = createFakeBridge();
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    for (const [typed, sentence] of [
      ['   ', 'Your name must not be empty.'],
      ['ringside-guard', "Your name must not start with 'ringside-': those names belong to Ringside's guard and automations."],
    ] as const) {
      fireEvent.change(field(), { target: { value: typed } });
      fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
      await settle();
      expect(screen.getByRole('alert').textContent).toBe(sentence);
      expect(field().getAttribute('aria-invalid')).toBe('true');
    }
    expect(bridge.requestsTo('workspace:setIdentity')).toEqual([]);
  });

  it("shows main's refusal as it words it", async () => {
    const bridge = createFakeBridge();
    bridge.respond('workspace:setIdentity', () => fail('unavailable', 'The local database is read-only.'));
    await renderConsole(bridge, <WorkspaceSettings onClose={() => {}} />);
    fireEvent.change(field(), { target: { value: 'Ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await settle();
    expect(screen.getByText('The local database is read-only.')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
