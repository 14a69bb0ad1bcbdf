/**
 * The `sarif` and `github` output formats of `microvm-lint check`, as the
 * command prints them (the built CLI, run as a user runs it, so the walk,
 * the workers and the cross-file pass of `main` are in the way): SARIF valid
 * against the official 2.1.0 schema, every
 * format reporting the same findings at the same places (UTF-16 columns,
 * CRLF, subfolders, odd file names), exact workflow commands, and SARIF fixes
 * that produce exactly what the finding's own fix produces.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { CheckResult } from '../../server/src/cli/check';
import { formatGithub } from '../../server/src/cli/formats/github';
import { FINGERPRINT_KEY, artifactLocationOf, formatSarif } from '../../server/src/cli/formats/sarif';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze } from '../../server/src/rules/analyze';
import { RULE_DOCS, docsUrl } from '../../server/src/rules/docs';
import { RULES } from '../../server/src/rules/index';
import { DEFAULT_OPTIONS } from '../../server/src/rules/options';
import type { Finding } from '../../server/src/rules/rule';
import { applyEdits } from '../../server/src/text/edits';
import { LineIndex } from '../../server/src/text/lineIndex';
import { VERSION } from '../../server/src/version';
import { ROOT, runCliAsync } from '../support/cli';
import { loadParser } from '../support/parser';

/** The official schema as @microsoft/jest-sarif ships it (a devDependency; not copied here). */
const SCHEMA_PATH = join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

/** A document from its lines, each ended by `eol`. */
const doc = (eol: string, ...lines: string[]) => lines.map((l) => l + eol).join('');

/** Files of the workspace (paths relative to its root), covering what the formats must get right. */
const FILES: Record<string, string> = {
  // mac-invalid (dashes, with a fix) after "é🚀": UTF-16 columns differ from code points and bytes.
  // (A MAC no other file has: the command's cross-file pass would report a duplicate.)
  'hosts/web.nix': doc('\n', '{', '  microvm.interfaces = [ {', '    type = "tap"; id = "vm-é"; /* é🚀 */ mac = "02-00-00-00-00-07";', '  } ];', '}'),
  // mac-duplicate twice, each pointing at the other (related locations), in a CRLF file.
  'hosts/dup.nix': doc(
    '\r\n',
    '{',
    '  # é🚀 CRLF',
    '  microvm.interfaces = [',
    '    { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; }',
    '    { type = "tap"; id = "vm-b"; /* 🚀 */ mac = "02:00:00:00:00:01"; }',
    '  ];',
    '}',
  ),
  // interface-mac-missing: its fix is an insertion.
  'hosts/deep/missing.nix': doc('\n', '{ microvm.interfaces = [ { type = "tap"; id = "vm-c"; } ]; }'),
  // A name that needs percent-encoding in a URI.
  'sub dir/ä #1%.nix': doc('\n', '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-d"; mac = "02:00:00:00:00:04"; macvtap.link = "eth0"; } ]; }'),
  // A name with "," and ":", which workflow command properties escape; an error, a warning and a note.
  'ci/odd,name:1.nix': doc(
    '\n',
    '{ microvm.interfaces = [ {',
    '  type = "macvtap"; id = "vm-e"; mac = "00:16:3e:00:00:05";',
    '  macvtap = { link = "eth0"; /* é🚀 */ mode = "brigde"; };',
    '} ]; }',
    '# microvm-lint: disable-next-line mac-dupe',
  ),
};
/** Outside the working directory: absolute URIs and paths. */
const OUTSIDE = doc('\n', '{ microvm.interfaces = [ { type = "tap"; id = "vm-f"; mac = "02:00:00:00:00:06"; bridge = "br0"; } ]; }');

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-formats-'));
const cwd = join(tmp, 'work space');
const outsideFile = join(tmp, 'elsewhere', 'outside.nix');
after(() => rmSync(tmp, { recursive: true, force: true }));

let parser: NixParser;
/** What `microvm-lint check` printed, run in `cwd`. */
const out = { text: '', json: '', sarif: '', github: '', sarifRelative: '', sarifSlash: '', githubCi: '' };
before(async () => {
  for (const [path, text] of Object.entries(FILES)) write(join(cwd, path), text);
  write(outsideFile, OUTSIDE);
  parser = await loadParser();
  const check = async (args: string[], env: Record<string, string> = {}, dir = cwd) => {
    const r = await runCliAsync(['check', ...args], dir, env);
    assert.equal(r.code, 1, `check ${args.join(' ')}: exit code 1 (there are errors)\n${r.stderr}`);
    return r.stdout;
  };
  const both = [cwd, outsideFile];
  // At once: each is a process of its own.
  [out.text, out.json, out.sarif, out.github, out.sarifRelative, out.sarifSlash, out.githubCi] = await Promise.all([
    check([...both, '--format', 'text']),
    check([...both, '--format', 'json']),
    check([...both, '--format', 'sarif']),
    check([...both, '--format', 'github']),
    // The paths as typed on a command line, relative to the working directory.
    check(['.', relative(cwd, outsideFile), '--format', 'sarif']),
    // As in GitHub Actions, run in a subfolder: GITHUB_WORKSPACE names the root (here with a trailing slash).
    check(['..', relative(join(cwd, 'hosts'), outsideFile), '--format', 'sarif'], { GITHUB_WORKSPACE: cwd + '/' }, join(cwd, 'hosts')),
    check(['ci', '--format', 'github']),
  ]);
});

/** The SARIF log `check --format sarif` printed (a fresh copy). */
const printedSarif = (text = out.sarif): SarifLog => JSON.parse(text) as SarifLog;

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

// ---------------------------------------------------------------- SARIF types (what the tests read)

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region: Region;
}
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
  relatedLocations?: { id: number; physicalLocation: PhysicalLocation; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
  fixes?: {
    description: { text: string };
    artifactChanges: { artifactLocation: ArtifactLocation; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[];
  }[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string; markdown: string };
          helpUri: string;
          defaultConfiguration: { level: string };
        }[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string } }[] }[];
    results: SarifResult[];
  }[];
}

const sarifOf = (r: CheckResult, dir = cwd): SarifLog => JSON.parse(formatSarif(r, { cwd: dir })) as SarifLog;

/** The findings of `text` analysed on its own, with their fixes. */
function findingsOf(text: string): Finding[] {
  const tree = parser.parse(text);
  try {
    return analyze(tree, text, { options: DEFAULT_OPTIONS }).findings;
  } finally {
    tree.delete();
  }
}

/** The absolute path a SARIF artifact location names, resolved through originalUriBaseIds. */
function pathOfLocation(log: SarifLog, loc: ArtifactLocation): string {
  if (loc.uriBaseId === undefined) return fileURLToPath(loc.uri);
  const base = log.runs[0].originalUriBaseIds[loc.uriBaseId];
  assert.ok(base, `no originalUriBaseIds entry for ${loc.uriBaseId}`);
  return fileURLToPath(new URL(loc.uri, base.uri));
}

// ---------------------------------------------------------------- the official schema

let validator: ValidateFunction | undefined;
function validateSarif(log: unknown): { valid: boolean; errors: string } {
  if (!validator) {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    // The file declares draft-04, whose own id keyword is "id". It uses no keyword that means
    // something else in draft-07 (no boolean exclusiveMinimum/exclusiveMaximum), so Ajv's
    // default draft-07 validates it once its id is "$id" and the draft-04 meta-schema is not named.
    assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
    assert.doesNotMatch(JSON.stringify(schema), /"exclusiveM(in|ax)imum"/);
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
    // unicodeRegExp: false because one pattern of this schema (a language tag: "...[a-zA-Z]{2}]?$")
    // has a stray "]" that is a syntax error in a /u regular expression and a literal "]" without it.
    const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  const valid = validator(log) === true;
  return { valid, errors: JSON.stringify(validator.errors ?? [], null, 2) };
}

// ---------------------------------------------------------------- each format parsed back

/** One reported place: absolute file, 1-based start (and end where the format has it), code. */
interface Place {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
  code: string;
  severity: string;
}

const key = (p: Place, withEnd: boolean) => `${p.file} ${p.line}:${p.col}${withEnd ? `-${p.endLine}:${p.endCol}` : ''} ${p.code} ${p.severity}`;

function placesFromText(out: string, dir: string): Place[] {
  const lines = out.trimEnd().split('\n');
  assert.match(lines.pop() ?? '', /^\d+ problems? in \d+ files? \(\d+ checked\)\.$/);
  return lines.map((l) => {
    const m = /^(.+?):(\d+):(\d+): (error|warning|information|hint) \[([a-z-]+)\] ./.exec(l);
    assert.ok(m, `not a text finding line: ${l}`);
    return { file: resolve(dir, m[1]), line: Number(m[2]), col: Number(m[3]), code: m[5], severity: m[4] };
  });
}

function placesFromJson(out: string): Place[] {
  const parsed = JSON.parse(out) as {
    findings: { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; code: string; severity: string }[];
  };
  return parsed.findings.map((f) => ({
    file: f.file,
    line: f.range.start.line + 1,
    col: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endCol: f.range.end.character + 1,
    code: f.code,
    severity: f.severity,
  }));
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const GITHUB_COMMAND: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

function placesFromSarif(log: SarifLog): Place[] {
  return log.runs[0].results.map((r) => {
    assert.equal(r.locations.length, 1);
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    return {
      file: pathOfLocation(log, artifactLocation),
      line: region.startLine,
      col: region.startColumn,
      endLine: region.endLine,
      endCol: region.endColumn,
      code: r.ruleId,
      severity: r.level,
    };
  });
}

/** Undoes the toolkit's escaping (properties and data). */
const unescapeCommand = (s: string) => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

function parseGithub(out: string): { command: string; props: Record<string, string>; message: string }[] {
  assert.ok(out === '' || out.endsWith('\n'), 'ends with a newline');
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(l);
      assert.ok(m, `not a workflow command: ${l}`);
      const props = Object.fromEntries(
        m[2].split(',').map((kv) => {
          const eq = kv.indexOf('=');
          return [kv.slice(0, eq), unescapeCommand(kv.slice(eq + 1))];
        }),
      );
      return { command: m[1], props, message: unescapeCommand(m[3]) };
    });
}

function placesFromGithub(out: string, dir: string): Place[] {
  return parseGithub(out).map(({ command, props }) => ({
    file: resolve(dir, props.file),
    line: Number(props.line),
    col: Number(props.col),
    endLine: Number(props.endLine),
    endCol: Number(props.endColumn),
    code: props.title,
    severity: command,
  }));
}

// ---------------------------------------------------------------- applying SARIF replacements, independently of LineIndex

/** Offsets of line starts, lines ending at "\r\n", "\n" or "\r" (SARIF's and LSP's line ends). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push((m.index ?? 0) + m[0].length);
  return starts;
}

/** A 1-based SARIF line and UTF-16 column as a string offset. */
function offsetOf(text: string, line: number, column: number): number {
  const starts = lineStarts(text);
  assert.ok(line >= 1 && line <= starts.length, `line ${line} out of range`);
  const offset = starts[line - 1] + column - 1;
  const lineEnd = line < starts.length ? starts[line] : text.length;
  assert.ok(column >= 1 && offset <= lineEnd, `column ${column} out of range on line ${line}`);
  return offset;
}

/** Applies replacements one after the other, each region read in the text as it is then. */
function applySarifReplacements(text: string, replacements: { deletedRegion: Region; insertedContent: { text: string } }[]): string {
  let out = text;
  for (const { deletedRegion: r, insertedContent } of replacements) {
    const start = offsetOf(out, r.startLine, r.startColumn);
    const end = offsetOf(out, r.endLine, r.endColumn);
    assert.ok(start <= end);
    out = out.slice(0, start) + insertedContent.text + out.slice(end);
  }
  return out;
}

// ---------------------------------------------------------------- the tests

describe('check --format sarif', () => {
  it('is valid against the official SARIF 2.1.0 schema, and an invalid log is not', () => {
    const log = printedSarif();
    const check = validateSarif(log);
    assert.ok(check.valid, check.errors);
    assert.ok(log.runs[0].results.length >= 8, 'the workspace has findings of every kind');

    // The validator must be able to say no.
    const broken: ((l: SarifLog & Record<string, unknown>) => void)[] = [
      (l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0),
      (l) => (l.runs[0].results[0].level = 'fatal'),
      (l) => delete (l.runs[0].tool.driver as Partial<SarifLog['runs'][0]['tool']['driver']>).name,
      (l) => (l.version = '2.0.0'),
      (l) => ((l.runs[0].results[0].message as unknown) = 'text'),
      (l) => ((l.runs[0].results[0].partialFingerprints as unknown) = { x: 1 }),
      (l) => (l.runs[0].originalUriBaseIds['%SRCROOT%'].uri = 'not a uri'),
    ];
    for (const breakIt of broken) {
      const copy = structuredClone(log) as SarifLog & Record<string, unknown>;
      breakIt(copy);
      assert.equal(validateSarif(copy).valid, false, `accepted: ${breakIt.toString()}`);
    }
  });

  it('is valid with no findings, with tool warnings and for a finding of an unknown rule', () => {
    const empty: CheckResult = { results: [], warnings: [], filesChecked: 3 };
    const log = sarifOf(empty);
    assert.deepEqual(log.runs[0].results, []);
    assert.ok(validateSarif(log).valid);

    const finding: Finding = { code: 'not-a-rule', severity: 'hint', span: { start: 0, end: 1 }, messageId: 'x', message: 'm', fixes: [] };
    const odd: CheckResult = {
      results: [{ file: join(cwd, 'x.nix'), lines: new LineIndex('{ }\n'), findings: [finding] }],
      warnings: ['/somewhere: cannot read directory (EACCES), skipped'],
      filesChecked: 1,
    };
    const oddLog = sarifOf(odd);
    const check = validateSarif(oddLog);
    assert.ok(check.valid, check.errors);
    assert.equal(oddLog.runs[0].results[0].ruleIndex, undefined);
    assert.equal(oddLog.runs[0].results[0].level, 'note');
    assert.deepEqual(oddLog.runs[0].invocations, [
      { executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: '/somewhere: cannot read directory (EACCES), skipped' } }] },
    ]);
  });

  it('describes the tool and every rule', () => {
    assert.ok(out.sarif.endsWith('}\n'));
    const log = printedSarif();
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const { driver } = run.tool;
    assert.deepEqual([driver.name, driver.version, driver.informationUri], ['microvm-lint', VERSION, 'https://github.com/microvm-lint/microvm-lint']);
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      RULES.map((r) => r.code),
    );
    const levels: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
    for (const [i, rule] of RULES.entries()) {
      const d = driver.rules[i];
      assert.match(d.name, /^[A-Z][A-Za-z]*$/);
      assert.equal(d.name.toLowerCase(), rule.code.replace(/-/g, ''));
      assert.equal(d.shortDescription.text, rule.description);
      assert.ok(d.fullDescription.text.length > 0 && !d.fullDescription.text.includes('\n## '), d.fullDescription.text);
      assert.equal(d.help.markdown, RULE_DOCS[rule.code]);
      assert.ok(d.help.text.length > 0 && !d.help.text.startsWith('# ') && !d.help.text.includes('\n## ') && !d.help.text.includes('```'), 'help.text is plain text');
      assert.equal(d.helpUri, docsUrl(rule.code));
      assert.equal(d.defaultConfiguration.level, levels[rule.defaultSeverity]);
    }
    assert.equal(driver.rules[RULES.findIndex((r) => r.code === 'macvtap-mode-missing')].name, 'MacvtapModeMissing');
    for (const r of run.results) {
      assert.equal(driver.rules[r.ruleIndex ?? -1].id, r.ruleId);
      assert.equal(typeof r.message.text, 'string');
    }
  });

  it('names files by URIs relative to %SRCROOT%, percent-encoded, and others by absolute file URIs', () => {
    const log = printedSarif();
    const run = log.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${tmp.split('/').map(encodeURIComponent).join('/')}/work%20space/` } });
    const uris = [...new Set(run.results.map((r) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)))].map(
      (s) => JSON.parse(s) as ArtifactLocation,
    );
    assert.deepEqual(uris.filter((u) => u.uriBaseId !== undefined).map((u) => [u.uri, u.uriBaseId]).sort(), [
      ['ci/odd%2Cname%3A1.nix', '%SRCROOT%'],
      ['hosts/deep/missing.nix', '%SRCROOT%'],
      ['hosts/dup.nix', '%SRCROOT%'],
      ['hosts/web.nix', '%SRCROOT%'],
      ['sub%20dir/%C3%A4%20%231%25.nix', '%SRCROOT%'],
    ]);
    const absolute = uris.filter((u) => u.uriBaseId === undefined);
    assert.deepEqual(absolute.map((u) => fileURLToPath(u.uri)), [outsideFile]);
    assert.match(absolute[0].uri, /^file:\/\/\//);
    // Every URI names a file that was checked.
    const checked = new Set([...Object.keys(FILES).map((f) => join(cwd, f)), outsideFile]);
    for (const u of uris) assert.ok(checked.has(pathOfLocation(log, u)), JSON.stringify(u));

    // Files named relative to the working directory (as on a command line) give the same log.
    assert.deepEqual(printedSarif(out.sarifRelative), log);
    // So does a run in a subfolder with GITHUB_WORKSPACE (given with a trailing slash) at the root.
    assert.deepEqual(printedSarif(out.sarifSlash), log);

    // Edge cases of "inside": a folder named "..x" is inside, a sibling folder whose name starts like cwd's is not.
    assert.deepEqual(artifactLocationOf('..x/a.nix', cwd), { uri: '..x/a.nix', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocationOf(join(cwd + '2', 'a.nix'), cwd), { uri: pathToFileURL(join(cwd + '2', 'a.nix')).href });
    // A lone surrogate (a Windows file name can have one) becomes U+FFFD instead of throwing.
    assert.deepEqual(artifactLocationOf('a\uD800.nix', cwd), { uri: 'a%EF%BF%BD.nix', uriBaseId: '%SRCROOT%' });
  });

  it('lists the other occurrences of a duplicate as related locations', () => {
    const log = printedSarif();
    const dups = log.runs[0].results.filter((r) => r.ruleId === 'mac-duplicate');
    assert.equal(dups.length, 2);
    const region = (r: SarifResult) => r.locations[0].physicalLocation.region;
    for (const [self, other] of [
      [dups[0], dups[1]],
      [dups[1], dups[0]],
    ]) {
      assert.equal(self.relatedLocations?.length, 1);
      const rel = self.relatedLocations![0];
      assert.equal(rel.id, 1);
      assert.match(rel.message.text, /^also used by interface "vm-[ab]"$/);
      assert.deepEqual(rel.physicalLocation.artifactLocation, { uri: 'hosts/dup.nix', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(rel.physicalLocation.region, region(other));
    }
    // Line 5 of the CRLF file: `    { type = "tap"; id = "vm-b"; /* 🚀 */ mac = "02:00:00:00:00:01"; }`,
    // the string starts after 48 UTF-16 code units (47 code points): column 49.
    assert.deepEqual(region(dups[1]), { startLine: 5, startColumn: 49, endLine: 5, endColumn: 68 });
    assert.deepEqual(region(dups[0]), { startLine: 4, startColumn: 40, endLine: 4, endColumn: 59 });
  });

  it('gives every result a stable fingerprint of rule, file and line text', () => {
    const fingerprintsIn = (log: SarifLog) => log.runs[0].results.map((x) => x.partialFingerprints[FINGERPRINT_KEY]);
    const fingerprints = (r: CheckResult) => fingerprintsIn(sarifOf(r));
    const all = fingerprintsIn(printedSarif());
    assert.ok(all.every((f) => /^[0-9a-f]{32}:\d+$/.test(f)), all.join(' '));
    assert.equal(new Set(all).size, all.length, 'unique');
    assert.deepEqual(fingerprintsIn(printedSarif(out.sarifRelative)), all, 'the same in another run');

    // Lines added above, re-indenting and LF instead of CRLF leave the fingerprints of a file alone.
    const dup = FILES['hosts/dup.nix'];
    const analyse = (text: string): CheckResult => {
      const tree = parser.parse(text);
      try {
        const { findings, lines } = analyze(tree, text, { options: DEFAULT_OPTIONS });
        return { results: [{ file: join(cwd, 'hosts', 'dup.nix'), lines, findings }], warnings: [], filesChecked: 1 };
      } finally {
        tree.delete();
      }
    };
    const before = fingerprints(analyse(dup));
    const moved = '# a new first line\r\n\r\n' + dup.replace(/\r\n/g, '\n').replace(/\n {4}\{/g, '\n      {');
    assert.deepEqual(fingerprints(analyse(moved)), before);
    // A change on the line itself changes it.
    assert.notDeepEqual(fingerprints(analyse(dup.replace('id = "vm-a"', 'id = "vm-z"'))), before);
  });

  it('offers every fix, the preferred first, as replacements that give exactly the fixed text', () => {
    const log = printedSarif();
    assert.equal(log.runs[0].results.length, (JSON.parse(out.json) as { findings: unknown[] }).findings.length);
    let checked = 0;
    let insertions = 0;
    for (const sarif of log.runs[0].results) {
      // The finding's own fixes: the file analysed here, the finding found by its code and start.
      const file = pathOfLocation(log, sarif.locations[0].physicalLocation.artifactLocation);
      const original = readFileSync(file, 'utf8');
      const { startLine, startColumn } = sarif.locations[0].physicalLocation.region;
      const f: Finding | undefined = findingsOf(original).find((x) => x.code === sarif.ruleId && x.span.start === offsetOf(original, startLine, startColumn));
      assert.ok(f, `${sarif.ruleId} at ${file}:${startLine}:${startColumn} is a finding of the file`);
      assert.equal(sarif.fixes?.length ?? 0, f.fixes.length, f.code);
      if (f.fixes.length === 0) continue;
      const preferred = f.fixes.find((x) => x.isPreferred);
      if (preferred) assert.equal(sarif.fixes![0].description.text, preferred.title, 'preferred fix first');
      for (const fix of sarif.fixes!) {
        const own: Finding['fixes'][number] | undefined = f.fixes.find((x) => x.title === fix.description.text);
        assert.ok(own, `no fix titled ${fix.description.text}`);
        assert.equal(fix.artifactChanges.length, 1);
        const [change] = fix.artifactChanges;
        assert.deepEqual(change.artifactLocation, sarif.locations[0].physicalLocation.artifactLocation);
        const fixed = applySarifReplacements(original, change.replacements);
        assert.equal(fixed, applyEdits(original, own.edits), `${f.code}: ${fix.description.text}`);
        assert.notEqual(fixed, original);
        for (const { deletedRegion: r } of change.replacements) if (r.startLine === r.endLine && r.startColumn === r.endColumn) insertions++;
        checked++;
      }
    }
    assert.ok(checked >= 4, `only ${checked} fixes checked`);
    assert.ok(insertions >= 1, 'an insertion (empty deleted region) is among them');
    const codes = log.runs[0].results.filter((r) => r.fixes).map((r) => r.ruleId);
    for (const code of ['mac-invalid', 'interface-mac-missing', 'mac-duplicate']) assert.ok(codes.includes(code), `a ${code} fix`);
  });

  it('writes a fix of several edits so that applying them in order is right', () => {
    const text = 'ab\r\ncd🚀e\nf';
    const lines = new LineIndex(text);
    const finding: Finding = {
      code: 'mac-invalid',
      severity: 'error',
      span: { start: 4, end: 6 },
      messageId: 'x',
      message: 'm',
      fixes: [
        {
          title: 'several',
          isPreferred: true,
          edits: [
            { start: 0, end: 1, newText: 'A\nA' },
            { start: 6, end: 8, newText: '' },
            { start: 10, end: 10, newText: '!' },
            { start: 2, end: 4, newText: ' ' },
          ],
        },
      ],
    };
    const log = sarifOf({ results: [{ file: join(cwd, 'x.nix'), lines, findings: [finding] }], warnings: [], filesChecked: 1 });
    const [change] = log.runs[0].results[0].fixes![0].artifactChanges;
    assert.equal(applySarifReplacements(text, change.replacements), applyEdits(text, finding.fixes[0].edits));
    assert.equal(applySarifReplacements(text, change.replacements), 'A\nAb cde\n!f');
  });
});

describe('check --format github', () => {
  it('writes exactly one workflow command per finding', () => {
    assert.equal(
      out.githubCi,
      [
        '::notice file=ci/odd%2Cname%3A1.nix,line=2,col=40,endLine=2,endColumn=59,title=mac-not-local::MAC 00:16:3e:00:00:05 is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.',
        '::error file=ci/odd%2Cname%3A1.nix,line=3,col=47,endLine=3,endColumn=55,title=macvtap-mode-invalid::macvtap.mode "brigde" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "bridge"?',
        '::warning file=ci/odd%2Cname%3A1.nix,line=5,col=35,endLine=5,endColumn=43,title=suppression-unknown-code::"mac-dupe" is not a MicroVM Lint rule, so this comment suppresses nothing. `microvm-lint explain` lists the codes.',
        '',
      ].join('\n'),
    );
  });

  it('escapes messages and properties as the Actions toolkit does, and leaves out columns of a finding over several lines', () => {
    const text = 'a\r\nbc\nd';
    const finding = (start: number, end: number, severity: Finding['severity'], message: string): Finding => ({
      code: 'x-test',
      severity,
      span: { start, end },
      messageId: 'x',
      message,
      fixes: [],
    });
    const r: CheckResult = {
      results: [
        {
          file: join(cwd, 'we,ird:dir', '100%.nix'),
          lines: new LineIndex(text),
          findings: [finding(0, 4, 'hint', '50% of a\r\nb, c: d'), finding(3, 3, 'information', '::x::'), finding(4, 5, 'warning', '')],
        },
        { file: outsideFile, lines: new LineIndex(text), findings: [finding(3, 5, 'error', 'e')] },
      ],
      warnings: [],
      filesChecked: 2,
    };
    assert.equal(
      formatGithub(r, { cwd }),
      [
        '::notice file=we%2Cird%3Adir/100%25.nix,line=1,endLine=2,title=x-test::50%25 of a%0D%0Ab, c: d',
        '::notice file=we%2Cird%3Adir/100%25.nix,line=2,col=1,endLine=2,endColumn=1,title=x-test::::x::',
        '::warning file=we%2Cird%3Adir/100%25.nix,line=2,col=2,endLine=2,endColumn=3,title=x-test::',
        `::error file=${outsideFile.replace(/:/g, '%3A').replace(/,/g, '%2C')},line=2,col=1,endLine=2,endColumn=3,title=x-test::e`,
        '',
      ].join('\n'),
    );
    assert.equal(formatGithub({ results: [], warnings: [], filesChecked: 4 }, { cwd }), '');
  });
});

describe('every format reports the same findings at the same places', () => {
  it('text, json, sarif and github', () => {
    const fromJson = placesFromJson(out.json);
    const fromText = placesFromText(out.text, cwd);
    const fromSarif = placesFromSarif(printedSarif());
    const fromGithub = placesFromGithub(out.github, cwd);
    assert.ok(fromJson.length >= 8);
    for (const p of [...fromJson, ...fromSarif, ...fromGithub]) assert.equal(p.endLine, p.line, 'the test findings are on one line each');

    // Start, code and severity: all four (the text format has no end).
    const starts = (ps: Place[], level: Record<string, string> | undefined) =>
      ps.map((p) => key({ ...p, severity: level ? level[p.severity] : p.severity }, false)).sort();
    const expected = starts(fromJson, undefined);
    assert.deepEqual(starts(fromText, undefined), expected, 'text');
    assert.deepEqual(starts(fromSarif, undefined), starts(fromJson, SARIF_LEVEL), 'sarif');
    assert.deepEqual(starts(fromGithub, undefined), starts(fromJson, GITHUB_COMMAND), 'github');
    // Ends too, where the format has them.
    const spans = (ps: Place[]) => ps.map((p) => key({ ...p, severity: '' }, true)).sort();
    assert.deepEqual(spans(fromSarif), spans(fromJson), 'sarif ends');
    assert.deepEqual(spans(fromGithub), spans(fromJson), 'github ends');

    // The columns are UTF-16 code units: "é🚀" before the MAC of hosts/web.nix counts 3.
    const web = fromJson.find((p) => p.file.endsWith('web.nix'));
    const line = FILES['hosts/web.nix'].split('\n')[2];
    assert.equal(web?.col, line.indexOf('"02-') + 1);
    assert.notEqual(web?.col, [...line.slice(0, line.indexOf('"02-'))].length + 1, 'not code points');

    // The same messages, too.
    const messages = (ms: string[]) => [...ms].sort();
    const jsonMessages = (JSON.parse(out.json) as { findings: { message: string }[] }).findings.map((f) => f.message);
    assert.deepEqual(messages(printedSarif().runs[0].results.map((r) => r.message.text)), messages(jsonMessages));
    assert.deepEqual(messages(parseGithub(out.github).map((c) => c.message)), messages(jsonMessages));
  });
});
