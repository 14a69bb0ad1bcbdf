/**
 * `npm run build && node dist/bench/hugeFiles.js`: figures for "huge files
 * never freeze the editor" (design.md, Reliability; issue 14 item 1). Run it
 * under `flock /tmp/heavy.lock` on a shared machine. Prints figures, never
 * fails on a slow one (timings belong in a report, not a test); it fails
 * only when an answer is wrong, since then the figure would measure nothing.
 *
 * 1. Real server over stdio: with a 20 MB file and a 1,000,000-binding file
 *    open (both over maxFileSize), how long a hover on a small file takes,
 *    and when their "not checked" notices arrive.
 * 2. The same server with a file just under the 4 MB limit, opened right
 *    before the hover: the worst a file that is checked can delay others.
 * 3. In-process: a keystroke in a 20 MB document that is not checked, and
 *    the first analysis of 10,000-deep files.
 */
import { join } from 'node:path';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { OpenDocument } from '../server/src/features/documents';
import { readParserWasm } from '../server/src/fs/wasm';
import { NixParser } from '../server/src/parse/nixParser';
import { DEFAULT_OPTIONS } from '../server/src/rules/options';
import { deeplyNested, deepInterfaceSet, manyBindings, MISTAKE, sizedFile } from '../test/support/hugeNix';
import { LspClient } from '../test/support/lspClient';
import { ms, summarize, table, time } from './measure';

const CLI = join(__dirname, '..', 'cli.js');
const SMALL = ['{', MISTAKE.trimEnd(), '}', ''].join('\n');
const HOVER_AT = { line: 1, character: MISTAKE.indexOf('"macvtap"') + 2 };
const rows: string[][] = [];

function row(label: string, value: string, note = ''): void {
  rows.push([label, value, note]);
  console.log(`  ${label}: ${value}${note ? ` (${note})` : ''}`);
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`wrong answer, figures would be meaningless: ${what}`);
}

async function hoverSmall(client: LspClient, uri: string): Promise<number> {
  const t0 = performance.now();
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: HOVER_AT });
  const elapsed = performance.now() - t0;
  check(JSON.stringify(h).includes('macvtap'), 'the small file\'s hover');
  return elapsed;
}

/** Opens the huge files, hovers on the small one at once, and times both. */
async function overTheLimit(): Promise<void> {
  const { client } = await LspClient.start({ cli: CLI });
  try {
    const small = 'file:///bench/small.nix';
    await client.open(small, SMALL);
    await client.forVersion(small, 1);
    row('hover on a small file, nothing else open', ms(await hoverSmall(client, small)));

    const files = [
      ['file:///bench/generated-20mb.nix', sizedFile(20 << 20), '20 MB file'],
      ['file:///bench/many-bindings.nix', manyBindings(1_000_000), '1,000,000-binding file'],
    ] as const;
    const t0 = performance.now();
    const notices = files.map(([uri]) => client.forVersion(uri, 1).then((d: Diagnostic[]) => ({ d, at: performance.now() - t0 })));
    for (const [uri, text] of files) await client.open(uri, text);
    const hover = await hoverSmall(client, small);
    row('hover on a small file, sent right after opening both huge files', ms(hover), 'measured from the hover request');
    for (const [i, n] of (await Promise.all(notices)).entries()) {
      check(n.d.length === 1 && n.d[0].code === 'file-not-checked', `${files[i][2]} notice`);
      row(`"not checked" notice of the ${files[i][2]}`, ms(n.at), 'from the first didOpen, includes sending the text');
    }

    // Typing in the 20 MB file: versions 2..21, then the notice of the last one.
    const [uri] = files[0];
    const t1 = performance.now();
    for (let v = 2; v <= 21; v++) await client.change(uri, v, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x' }]);
    check((await client.forVersion(uri, 21))[0]?.code === 'file-not-checked', 'notice after edits');
    row('20 keystrokes in the 20 MB file, until the last notice', ms(performance.now() - t1));
    const samples = await Promise.all(Array.from({ length: 5 }, () => hoverSmall(client, small)));
    row('hover on the small file afterwards (median of 5)', ms(summarize(samples).median));
  } finally {
    client.kill();
  }
}

/** A file just under the limit is parsed and checked: how long does a hover elsewhere wait for it? */
async function underTheLimit(label: string, text: string): Promise<void> {
  const { client } = await LspClient.start({ cli: CLI });
  try {
    const small = 'file:///bench/small.nix';
    await client.open(small, SMALL);
    await client.forVersion(small, 1);
    const big = 'file:///bench/just-under.nix';
    const t0 = performance.now();
    const published = client.forVersion(big, 1).then(() => performance.now() - t0);
    await client.open(big, text);
    const hover = await hoverSmall(client, small);
    row(`hover on a small file, sent right after opening ${label}`, ms(hover));
    row(`diagnostics of ${label}`, ms(await published), 'from its didOpen');
  } finally {
    client.kill();
  }
}

async function inProcess(): Promise<void> {
  const parser = await NixParser.load(readParserWasm());
  const huge = new OpenDocument(parser, 'file:///bench/huge.nix', 1, sizedFile(20 << 20));
  const at = huge.lines.positionAt(huge.text.length >> 1);
  const keystrokes = time(50, 5, (i) => huge.applyChanges([{ range: { start: at, end: at }, text: 'x' }], i + 2));
  row('keystroke in a 20 MB document over the limit (apply only, median)', ms(summarize(keystrokes).median), `p95 ${ms(summarize(keystrokes).p95)}`);
  huge.dispose();

  for (const [name, text] of [
    ['lists', deeplyNested(10_000, '[ ', ' ]')],
    ['parentheses', deeplyNested(10_000, '( ', ' )')],
    ['mkIf calls', deeplyNested(10_000, 'lib.mkIf c (', ')')],
    ['if branches', deeplyNested(10_000, 'if c then ', ' else null')],
    ['sets in the interface', deepInterfaceSet(10_000)],
  ] as const) {
    const doc = new OpenDocument(parser, 'file:///bench/deep.nix', 1, text);
    const t0 = performance.now();
    const findings = doc.analysis(DEFAULT_OPTIONS).findings;
    const elapsed = performance.now() - t0;
    check(findings.length === 1 && findings[0].code === 'macvtap-mode-missing', `10,000-deep ${name}`);
    row(`first analysis (parse included), 10,000-deep ${name}`, ms(elapsed));
    doc.dispose();
  }
}

async function main(): Promise<void> {
  console.log('1. over maxFileSize (default 4 MB), real server over stdio');
  await overTheLimit();
  console.log('2. just under the limit, real server over stdio');
  await underTheLimit('a 4 MB file of packages', sizedFile((4 << 20) - 4096));
  const interfaces = Array.from({ length: 4000 }, (_, i) => `    { type = "macvtap"; id = "vm-${i}"; mac = "02:00:00:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}"; macvtap = { link = "eth0"; mode = "bridge"; }; }\n`);
  await underTheLimit('a 450 KB file of 4,000 interfaces', `{\n  microvm.interfaces = [\n${interfaces.join('')}  ];\n}\n`);
  console.log('3. in-process');
  await inProcess();
  console.log(`\n${table(['measure', 'time', 'note'], rows, [0, 2])}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
