/**
 * The VS Code client answers the server's settings request with only what
 * the user set (client/src/explicitSettings.ts), and the server takes what
 * arrives as set: a preferred mode the user wrote wins over microvm-lint.json
 * even when it is the default, a default does not. `inspect` results are
 * written as VS Code reports them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explicitSettings, type Inspected } from '../../client/src/explicitSettings';
import { parseSettings, userOptions } from '../../server/src/features/settings';

const KEYS = ['enable', 'macvtap.preferredMode', 'maxFileSize', 'rules', 'trace.server', 'workspace.maxFiles'];

/** What the server makes of the client's answer, given each key's `inspect()` and the value `get()` returns. */
function serverSees(inspected: Record<string, Inspected>, values: Record<string, unknown>) {
  const sent = explicitSettings(KEYS, (k) => inspected[k] ?? { defaultValue: values[k] }, (k) => values[k]);
  return { sent, user: userOptions(parseSettings(sent).settings) };
}

const VALUES = { enable: true, 'macvtap.preferredMode': 'vepa', maxFileSize: 4194304, rules: {}, 'trace.server': 'off', 'workspace.maxFiles': 20000 };

describe('settings the VS Code client reports as set', () => {
  it('sends nothing the user did not set: defaults, and defaults an extension gives the nix language', () => {
    const { sent, user } = serverSees({ 'macvtap.preferredMode': { defaultValue: 'vepa', defaultLanguageValue: 'vepa' } }, VALUES);
    assert.deepEqual(sent, {});
    assert.deepEqual(user, { rules: {} });
  });

  it('sends a value set in the user, workspace or folder settings, even when it equals the default', () => {
    for (const level of ['globalValue', 'workspaceValue', 'workspaceFolderValue'] as const) {
      const { sent, user } = serverSees({ 'macvtap.preferredMode': { defaultValue: 'vepa', [level]: 'vepa' } }, VALUES);
      assert.deepEqual(sent, { 'macvtap.preferredMode': 'vepa' }, level);
      assert.deepEqual(user, { preferredMode: 'vepa', rules: {} }, level);
    }
  });

  it('counts language-specific settings ("[nix]": { ... }) as set, with the value that applies', () => {
    for (const level of ['globalLanguageValue', 'workspaceLanguageValue', 'workspaceFolderLanguageValue'] as const) {
      const { sent } = serverSees({ 'macvtap.preferredMode': { defaultValue: 'vepa', [level]: 'bridge' } }, { ...VALUES, 'macvtap.preferredMode': 'bridge' });
      assert.deepEqual(sent, { 'macvtap.preferredMode': 'bridge' }, level);
    }
  });

  it('sends rule levels as set; the server takes "default" as not set', () => {
    const rules = { 'mac-not-local': 'warning', 'mac-invalid': 'default' };
    const { sent, user } = serverSees({ rules: { defaultValue: {}, workspaceValue: rules } }, { ...VALUES, rules });
    assert.deepEqual(sent, { rules });
    assert.deepEqual(user, { rules: { 'mac-not-local': 'warning' } });
  });

  it('sends object settings as plain data that can cross to the web worker (VS Code hands out read-only proxies)', () => {
    // As VS Code's extension host does: a Proxy that refuses writes, which postMessage cannot clone.
    const readonly = <T extends object>(o: T): T => new Proxy(o, { set: () => false, deleteProperty: () => false });
    const rules = readonly({ 'mac-not-local': 'error', 'mac-invalid': 'warning' });
    assert.throws(() => structuredClone(rules), { name: 'DataCloneError' });
    const { sent } = serverSees({ rules: { defaultValue: {}, workspaceValue: rules } }, { ...VALUES, rules });
    assert.deepEqual(structuredClone(sent), { rules: { 'mac-not-local': 'error', 'mac-invalid': 'warning' } });
  });
});
