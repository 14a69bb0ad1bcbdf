/**
 * The CLI and the workspace index skip files without parsing them when the
 * pre-filter says they cannot matter: `mayHaveFindings` (no finding possible)
 * and `mayMatter` (nothing for the index either). That is only allowed while
 * it never hides anything: every file either rejects must have no finding in
 * the full analysis with every rule on, and, for `mayMatter`, nothing the
 * index would record. Checked on the case tables, the examples and the
 * bench's generated workspace, each as written, with the words spelt
 * otherwise, and with the words spelt through Nix escapes the model decodes
 * (`"macvta\p"`, `''macvta''\p''`, `"interface\s" = `): the last are the
 * files a filter reading only the raw text would drop, and the test counts
 * that it met enough of them that do have findings. Raw text and raw bytes
 * (the CLI hands the filter a Buffer) are both checked.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { workspace } from '../../bench/corpus';
import { buildModel } from '../../server/src/model';
import { DecodedWords } from '../../server/src/model/decodedWords';
import { importEdges } from '../../server/src/model/imports';
import { PlaceCache } from '../../server/src/model/place';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze, mayHaveFindings } from '../../server/src/rules/analyze';
import { RULES } from '../../server/src/rules/index';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../../server/src/rules/options';
import { LineIndex } from '../../server/src/text/lineIndex';
import { mayMatter } from '../../server/src/workspace/fileFacts';
import { summarize, type FileSummary } from '../../server/src/workspace/summary';
import { CASE_TABLES } from '../support/allCases';
import { loadParser } from '../support/parser';

const ROOT = join(__dirname, '..', '..', '..');
/** Every rule on, the information and hint ones too. */
const ALL_ON: AnalysisOptions = { ...DEFAULT_OPTIONS, severities: Object.fromEntries(RULES.map((r) => [r.code, r.defaultSeverity])) };

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

/** The full analysis (no pre-filter anywhere on the way): its findings, and what the index would record of the file. */
function facts(text: string): { findings: string[]; recorded: string[] } {
  const tree = parser.parse(text);
  try {
    const findings = analyze(tree, text, { options: ALL_ON }).findings.map((f) => `${f.code}@${f.span.start}`);
    const summary = summarize(buildModel(tree, text), importEdges(tree, text, new PlaceCache(text)), new LineIndex(text), text);
    return { findings, recorded: recorded(summary) };
  } finally {
    tree.delete();
  }
}

/**
 * What of a summary the index uses: interfaces, MAC settings, a list imported as interfaces, and
 * imports into a VM's config. A plain module's own `imports = [ ./x.nix ]` (outside any MicroVM
 * option) is not followed for a file that names nothing of MicroVM.nix (fileFacts.ts's mayMatter).
 */
function recorded(s: FileSummary): string[] {
  const vmEdge = (owner: string) => s.vms.find((v) => v.key === owner)?.kind === 'vm';
  return [
    ...s.interfaces.map((i) => `interface ${i.id?.value ?? i.type}`),
    ...s.macSetters.map((m) => `MAC setting of ${m.vm}`),
    ...s.edges.filter((e) => e.kind === 'interfaces' || vmEdge(e.owner)).map((e) => `${e.kind} import ${e.path}`),
  ];
}

/** The words the model decides on by their decoded value (a `type`, an attribute name). */
const WORDS = ['macvtap', 'interfaces', 'microvm', 'macAddress', 'MACAddress', 'type', 'id', 'mac'];
/** `\` before the last letter (none ends in n, t or r, whose escapes are control characters). */
const escaped = (w: string) => `${w.slice(0, -1)}\\${w.at(-1)}`;
const strings = (t: string, spell: (w: string) => string) => t.replace(new RegExp(`"(${WORDS.join('|')})"`, 'g'), (_, w: string) => spell(w));
const inDoubleQuoted = (t: string) => strings(t, (w) => `"${escaped(w)}"`);
const inIndented = (t: string) => strings(t, (w) => `''${w.slice(0, -1)}''\\${w.at(-1)}''`);
/** Attribute names (`microvm.interfaces = `, `macvtap.mode = `) respelt; the model finds `type` by its written word, so it is left alone. */
const names = (t: string, spell: (w: string) => string, words = WORDS.filter((w) => w !== 'type')) =>
  t.replace(new RegExp(`(?<=[\\s{;.(])(${words.join('|')})(?=\\s*[.=])`, 'g'), (w) => spell(w));
const quoted = (w: string) => `"${escaped(w)}"`;

const VARIANTS: [string, (t: string) => string][] = [
  ['as written', (t) => t],
  [
    'words spelt otherwise',
    (t) => t.replaceAll('interfaces', 'interfaceZ').replaceAll('macvtap', 'macvtaP').replaceAll('microvm', 'microVM').replaceAll('MACAddress', 'MACAddresZ').replaceAll('macAddress', 'macAddresZ'),
  ],
  ['escapes in "..." strings', inDoubleQuoted],
  ["escapes in ''...'' strings", inIndented],
  ['quoted names with escapes', (t) => names(t, quoted, WORDS)],
  ['names and "..." strings escaped', (t) => names(inDoubleQuoted(t), quoted)],
  ["names and ''...'' strings escaped", (t) => names(inIndented(t), quoted)],
  ['interpolated names', (t) => names(t, (w) => `\${"${w}"}`, WORDS)],
];

function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const [family, table] of Object.entries(CASE_TABLES)) {
    for (const c of [...table.valid, ...table.invalid]) out.push({ name: `${family}: ${c.name}`, text: c.code });
  }
  for (const f of readdirSync(join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.nix'))) {
    out.push({ name: `examples/${f}`, text: readFileSync(join(ROOT, 'examples', f), 'utf8') });
  }
  for (const f of workspace(400, 3)) out.push({ name: f.path, text: f.text });
  // Reported: the CLI and the index said "No problems", the open editor four errors.
  out.push({ name: 'escaped macvtap', text: '{ guest = { type = "macvt\\ap"; id = "an-id-that-is-far-too-long"; mac = "03:00:00:00:00:01"; }; }\n' });
  // Its variants: the type is the only word, spelt through one escape in each kind of string.
  out.push({ name: 'macvtap shape', text: '{ guest = { type = "macvtap"; id = "an-id-that-is-far-too-long"; mac = "03:00:00:00:00:01"; }; }\n' });
  // `ip link set` as the shell splits it: any blanks between the words.
  out.push({ name: 'ip link  set', text: '{ systemd.services.mac.script = "ip link  set dev eth0 address 02:00:00:00:00:09"; }\n' });
  out.push({ name: 'ip link<tab>set', text: "{ systemd.services.mac.script = ''\n  ip link\tset eth0 address $MAC\n''; }\n" });
  return out;
}

/** The words the filter looked for in the raw text before it read escapes (and `ip link set` with one blank): it dropped files without them. */
const oldFilterSees = (t: string) => ['interfaces', 'macvtap', 'microvm-lint:', 'microvm', 'macAddress', 'MACAddress', 'link set'].some((w) => t.includes(w));

describe('the pre-filter', () => {
  it('rejects only files the full analysis finds nothing in, escapes or not', () => {
    const hidden: string[] = [];
    let rejected = 0;
    let withFindings = 0;
    /** Files with findings, and files with only a summary, that the filter reading raw words dropped. */
    let missedFindings = 0;
    let missedSummaries = 0;
    const seen = new Set<string>();
    for (const { name, text } of corpus()) {
      for (const [variant, spell] of VARIANTS) {
        const t = spell(text);
        if (seen.has(t)) continue; // a variant that changed nothing
        seen.add(t);
        const { findings, recorded } = facts(t);
        if (findings.length > 0) withFindings++;
        if (!oldFilterSees(t)) {
          if (findings.length > 0) missedFindings++;
          else if (recorded.length > 0) missedSummaries++;
        }
        for (const [form, input] of [['text', t], ['bytes', Buffer.from(t)]] as const) {
          if (!mayHaveFindings(input)) {
            rejected++;
            if (findings.length > 0) hidden.push(`${name} (${variant}, ${form}), mayHaveFindings: ${findings.join(', ')}`);
          }
          if (!mayMatter(input, {}) && (findings.length > 0 || recorded.length > 0)) {
            hidden.push(`${name} (${variant}, ${form}), mayMatter: ${[...findings, ...recorded].join(', ')}`);
          }
        }
      }
    }
    assert.deepEqual(hidden.slice(0, 10), [], `${hidden.length} rejected files have findings or a summary`);
    // The check means something only if it saw both kinds of file, and the files only the decoding shows.
    assert.ok(rejected > 1000, `only ${rejected} files rejected`);
    assert.ok(withFindings > 400, `only ${withFindings} files with findings`);
    assert.ok(missedFindings > 100, `only ${missedFindings} files with findings the raw words miss`);
    assert.ok(missedSummaries > 30, `only ${missedSummaries} files with only a summary the raw words miss`);
  });

  it('reads a file\'s bytes (the CLI) as it reads its text (the editor), whatever follows a backslash', () => {
    for (const ch of ['A', 'M', 'Z', 'a', 'm', 'n', 'o', 'q', 'r', 's', 't', 'u', 'z', '@', '[', '`', '{', '0', '\\', '"', '$']) {
      const text = `{ x = "ma\\${ch}c"; }`;
      const word = `ma${ch}c`;
      const fromText = DecodedWords.of(text).includes(word);
      assert.equal(DecodedWords.of(Buffer.from(text, 'utf8')).includes(word), fromText, JSON.stringify(text));
      // A letter other than n, t, r is only itself (`\a` is `a`): the word is found as the model decodes it.
      assert.equal(fromText, /^[A-Za-mo-qsu-z]$/.test(ch), JSON.stringify(text));
    }
  });
});
