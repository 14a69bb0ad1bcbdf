/**
 * package.json cannot drift from the code: settings (keys, defaults, enums)
 * match the server's schema, commands match the client's table, and the
 * manifest declares what the extension honestly supports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../client/src/commands';
import { RULE_LEVELS, SETTINGS_SCHEMA } from '../../server/src/features/settings';
import { RULES } from '../../server/src/rules/index';
import { VERSION } from '../../server/src/version';
import { CONFIG_FILE_NAME, CONFIG_LEVELS } from '../../server/src/config/configFile';
import { MACVTAP_MODES } from '../../server/src/knowledge/macvtapModes';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const properties: Record<string, { type: string; default: unknown; enum?: string[]; properties?: Record<string, { enum: string[] }> }> =
  manifest.contributes.configuration.properties;

/** Client-only settings the server never reads. */
const CLIENT_ONLY = ['microvmLint.trace.server'];

describe('package.json manifest', () => {
  it('contributes exactly the server settings, with their defaults and enums', () => {
    const serverKeys = Object.keys(properties).filter((k) => !CLIENT_ONLY.includes(k)).map((k) => k.replace(/^microvmLint\./, ''));
    assert.deepEqual(serverKeys.sort(), Object.keys(SETTINGS_SCHEMA).sort());
    for (const [key, schema] of Object.entries(SETTINGS_SCHEMA)) {
      const p = properties[`microvmLint.${key}`];
      assert.equal(p.type, schema.type, key);
      assert.deepEqual(p.default, schema.default, key);
      assert.deepEqual(p.enum, 'enum' in schema ? [...schema.enum] : undefined, key);
    }
    const rules = properties['microvmLint.rules'].properties!;
    assert.deepEqual(Object.keys(rules), RULES.map((r) => r.code));
    for (const r of Object.values(rules)) assert.deepEqual(r.enum, [...RULE_LEVELS]);
  });

  it('contributes exactly the commands the client registers', () => {
    assert.deepEqual(manifest.contributes.commands.map((c: { command: string }) => c.command).sort(), Object.keys(COMMANDS).sort());
  });

  it('uses the nix language id and the source.nix scope, so it pairs with other Nix extensions', () => {
    assert.deepEqual(manifest.contributes.languages.map((l: { id: string }) => l.id), ['nix']);
    assert.deepEqual(manifest.contributes.grammars.map((g: { language: string; scopeName: string }) => [g.language, g.scopeName]), [['nix', 'source.nix']]);
    assert.deepEqual(manifest.activationEvents, ['onLanguage:nix', 'workspaceContains:**/*.nix']);
  });

  it('states the same version as the server and CLI', () => {
    assert.equal(manifest.version, VERSION);
  });

  it('declares untrusted and virtual workspace support', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, true);
  });

  it('contributes the JSON schema of microvm-lint.json, listing every rule and level the file accepts', () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: CONFIG_FILE_NAME, url: './schemas/microvm-lint.schema.json' }]);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/microvm-lint.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties.rules.properties), RULES.map((r) => r.code));
    for (const r of Object.values(schema.properties.rules.properties) as { enum: string[] }[]) assert.deepEqual(r.enum, [...CONFIG_LEVELS]);
    assert.deepEqual(schema.properties.preferredMode.enum, [...MACVTAP_MODES]);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'ignore', 'preferredMode', 'rules']);
    assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/microvm-lint\.schema\.json$/m, 'shipped in the VSIX');
  });
});
