/**
 * What `microvm-lint.json` says, and what the user is told when it is wrong:
 * the CLI stops with the first problem (exit 2), the server logs each one and
 * keeps the rest of the file (test/cli/check.test.ts and
 * test/protocol/config.test.ts show the hosts). Here: every key, every way to
 * get it wrong, with the exact words of the message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_CONFIG, parseConfig, parseRuleFlag, type ProjectConfig } from '../../server/src/config/configFile';
import { isIgnored, resolveOptions } from '../../server/src/config/resolve';

const MODES = 'vepa, bridge, private, passthru, source';
const LEVELS = 'error, warning, info, hint, off';

describe('microvm-lint.json', () => {
  it('reads every key: rule levels ("info" is the LSP information severity), the preferred mode, the ignore globs', () => {
    const text = JSON.stringify({
      $schema: './node_modules/microvm-lint/schemas/microvm-lint.schema.json',
      rules: { 'mac-not-local': 'info', 'mac-invalid': 'warning', 'guest-mac-override': 'off', 'bridge-missing': 'hint', 'mac-multicast': 'error' },
      preferredMode: 'bridge',
      ignore: ['vendor/', '*.generated.nix'],
    });
    assert.deepEqual(parseConfig(text), {
      config: {
        rules: { 'mac-not-local': 'information', 'mac-invalid': 'warning', 'guest-mac-override': 'off', 'bridge-missing': 'hint', 'mac-multicast': 'error' },
        preferredMode: 'bridge',
        ignore: ['vendor/', '*.generated.nix'],
      },
      problems: [],
    });
  });

  it('reads a file saved with a byte order mark, and an empty object as "nothing set"', () => {
    assert.deepEqual(parseConfig('\uFEFF{ "preferredMode": "private" }'), { config: { rules: {}, preferredMode: 'private', ignore: [] }, problems: [] });
    assert.deepEqual(parseConfig('{}'), { config: { rules: {}, ignore: [] }, problems: [] });
  });

  it('names what is wrong, one line per problem, and keeps what is right', () => {
    const cases: [string, unknown, string[], object][] = [
      ['an array', [], ['expected a JSON object'], {}],
      ['a string', 'rules', ['expected a JSON object'], {}],
      ['null', null, ['expected a JSON object'], {}],
      ['rules as a list', { rules: ['mac-invalid'], preferredMode: 'source' }, ['"rules" must be an object of rule code to level'], { preferredMode: 'source' }],
      ['rules as null', { rules: null }, ['"rules" must be an object of rule code to level'], {}],
      ['rules as a string', { rules: 'off' }, ['"rules" must be an object of rule code to level'], {}],
      [
        'a bad level beside a good one',
        { rules: { 'mac-invalid': 'information', 'mac-not-local': 'off', 'mac-nope': 'off' } },
        [`"rules.mac-invalid" must be one of ${LEVELS}, not "information"`, 'unknown rule "mac-nope" in "rules"'],
        { rules: { 'mac-not-local': 'off' } },
      ],
      ['a level that is not a string', { rules: { 'mac-invalid': 2 } }, [`"rules.mac-invalid" must be one of ${LEVELS}, not 2`], {}],
      ['a mode that does not exist', { preferredMode: 'brigde' }, [`"preferredMode" must be one of ${MODES}, not "brigde"`], {}],
      ['a mode that is not a string', { preferredMode: ['vepa'] }, [`"preferredMode" must be one of ${MODES}, not ["vepa"]`], {}],
      ['ignore as one string', { ignore: 'vendor/' }, ['"ignore" must be an array of glob strings'], {}],
      ['ignore with a number', { ignore: ['vendor/', 3] }, ['"ignore" must be an array of glob strings'], {}],
      ['an unknown key', { rule: {}, ignore: ['x/'] }, ['unknown key "rule" (expected rules, preferredMode, ignore)'], { ignore: ['x/'] }],
    ];
    for (const [name, json, problems, kept] of cases) {
      assert.deepEqual(parseConfig(JSON.stringify(json)), { config: { rules: {}, ignore: [], ...kept }, problems }, name);
    }
  });

  it('says where JSON breaks', () => {
    const { config, problems } = parseConfig('{ "rules": ');
    assert.deepEqual(config, { rules: {}, ignore: [] });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^not valid JSON \(.*JSON.*\)$/);
  });
});

describe('--rule code=level', () => {
  it('takes the file\'s levels', () => {
    assert.deepEqual(parseRuleFlag('mac-not-local=info'), ['mac-not-local', 'information']);
    assert.deepEqual(parseRuleFlag('mac-invalid=off'), ['mac-invalid', 'off']);
    assert.deepEqual(parseRuleFlag('mac-invalid=warning'), ['mac-invalid', 'warning']);
  });

  it('names what is wrong in one line', () => {
    assert.throws(() => parseRuleFlag('mac-invalid'), { message: '--rule takes code=level, not "mac-invalid"' });
    assert.throws(() => parseRuleFlag('=off'), { message: '--rule takes code=level, not "=off"' });
    assert.throws(() => parseRuleFlag('=mac-invalid=off'), { message: '--rule takes code=level, not "=mac-invalid=off"' });
    // A line break pasted into a CI variable is not part of a level.
    assert.throws(() => parseRuleFlag('mac-invalid=off\n'), { message: '--rule takes code=level, not "mac-invalid=off\n"' });
    assert.throws(() => parseRuleFlag('mac-nope=off'), { message: '--rule: unknown rule "mac-nope" (microvm-lint explain lists them)' });
    assert.throws(() => parseRuleFlag('mac-invalid=information'), { message: `--rule mac-invalid: unknown level "information" (one of ${LEVELS})` });
    assert.throws(() => parseRuleFlag('mac-invalid='), { message: `--rule mac-invalid: unknown level "" (one of ${LEVELS})` });
  });
});

describe('the resolver both hosts share (test/support/configCases.ts runs it through each host)', () => {
  const config = (ignore: string[]): ProjectConfig => ({ ...EMPTY_CONFIG, ignore });

  it('judges a path only by the configuration files enclosing it, each from its own folder', () => {
    const root = { folder: '/ws', config: config(['vendor/', 'vm.nix/']) };
    const sibling = { folder: '/ws/other', config: config(['*.nix']) };
    assert.equal(isIgnored([root], '/ws/vendor/a.nix'), true);
    assert.equal(isIgnored([root], '/ws/vendor', true), true);
    assert.equal(isIgnored([sibling], '/ws/hosts/web.nix'), false, 'a file beside the folder, not in it');
    assert.equal(isIgnored([sibling], '/ws/other'), false, 'the folder itself is not below its own file');
    // A pattern that ends in "/" names folders only, as in .gitignore.
    assert.equal(isIgnored([root], '/ws/vm.nix'), false);
    assert.equal(isIgnored([root], '/ws/vm.nix', true), true);
  });

  it('takes the nearest file, then what the user set, over the defaults', () => {
    const file: ProjectConfig = { rules: { 'mac-not-local': 'warning', 'mac-invalid': 'off' }, preferredMode: 'bridge', ignore: [] };
    const options = resolveOptions(file, { rules: { 'mac-invalid': 'error' } });
    assert.equal(options.preferredMode, 'bridge');
    assert.equal(options.severities['mac-not-local'], 'warning');
    assert.equal(options.severities['mac-invalid'], 'error');
    assert.equal(resolveOptions(undefined, { preferredMode: 'vepa', rules: {} }).preferredMode, 'vepa');
    assert.equal(resolveOptions(file, { preferredMode: 'vepa', rules: {} }).preferredMode, 'vepa', 'set by the user, even to the default');
  });
});
