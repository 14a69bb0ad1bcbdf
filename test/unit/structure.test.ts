/**
 * Architecture checks: the layers of server/src stack (each folder imports
 * only from the folders its row of LAYERS names); the analysis core (parse,
 * model, rules, text, knowledge, config, workspace) imports neither vscode,
 * the LSP library nor Node built-ins, so it runs in a web worker; the rule
 * list, docs and case tables agree; and the case tables, data beside their
 * rules, import nothing from test/.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { builtinModules } from 'node:module';
import { RULE_DOCS } from '../../server/src/rules/docs';
import { RULES } from '../../server/src/rules/index';
import { CASE_TABLES } from '../support/allCases';

const ROOT = join(__dirname, '..', '..', '..'); // dist/test/unit -> repo

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

/** Import and export statements at the start of a line (`import type` too, over several lines), and require()/import() calls (not the word "import" in a string). */
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import\b[^'";]*?|export\b[^'";]*?\bfrom\s*)['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2]);

/**
 * Who may import whom: a folder of server/src (or a file at its root, or client/src) and the
 * folders and root files it may import from, besides its own. Nothing imports upward:
 * text/knowledge -> parse -> model -> rules -> config -> workspace, then the Node side's disk
 * access (fs), then the hosts: features and server.ts (LSP), node and web (the server's two
 * entries), cli. `docs` is the repository's rule pages, bundled as text.
 */
const CORE = ['text', 'knowledge', 'parse', 'model', 'rules', 'config', 'workspace'];
const LAYERS: Record<string, readonly string[]> = {
  text: [],
  knowledge: [],
  parse: ['text'],
  model: ['text', 'knowledge', 'parse'],
  rules: ['text', 'knowledge', 'parse', 'model', 'docs'],
  config: ['text', 'knowledge', 'parse', 'model', 'rules'],
  workspace: ['text', 'knowledge', 'parse', 'model', 'rules', 'config'],
  'version.ts': [],
  'protocol.ts': [],
  'serverStatus.ts': [],
  'markdown.d.ts': [],
  fs: [...CORE],
  features: [...CORE, 'protocol.ts', 'serverStatus.ts'],
  'server.ts': [...CORE, 'features', 'protocol.ts', 'serverStatus.ts', 'version.ts'],
  node: [...CORE, 'fs', 'features', 'server.ts', 'serverStatus.ts'],
  web: [...CORE, 'server.ts', 'protocol.ts'],
  cli: [...CORE, 'fs', 'version.ts'],
  client: ['protocol.ts', 'serverStatus.ts', 'config', 'text'],
};

const SRC = join(ROOT, 'server/src');

/** The layer a file belongs to: its top folder in server/src (or "client"), a file at the root by its name, else the repository folder. */
function layerOf(file: string): string {
  if (file.startsWith(join(ROOT, 'client/src') + '/')) return 'client';
  const inSrc = relative(SRC, file);
  if (!inSrc.startsWith('..')) return inSrc.split('/')[0];
  return relative(ROOT, file).split('/')[0];
}

/** Where a relative import lands: a .ts file, a folder's index.ts, or the file itself (.md). */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [base + '.ts', join(base, 'index.ts'), base].find((f) => existsSync(f) && statSync(f).isFile());
}

/** Every relative import of server/src and client/src that leaves its layer for one its row does not allow. */
function layerViolations(): { checked: number; violations: string[] } {
  const files = [SRC, join(ROOT, 'client/src')].flatMap(walk).filter((f) => f.endsWith('.ts'));
  let checked = 0;
  const violations: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const allowed = LAYERS[from];
    if (!allowed) {
      violations.push(`${relative(ROOT, file)}: layer "${from}" has no row in LAYERS`);
      continue;
    }
    for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
      checked++;
      const target = resolveImport(file, spec);
      if (!target) {
        violations.push(`${relative(ROOT, file)}: cannot resolve ${spec}`);
        continue;
      }
      const to = layerOf(target);
      if (to !== from && !allowed.includes(to)) violations.push(`${relative(ROOT, file)} (${from}) imports ${spec} (${to})`);
    }
  }
  return { checked, violations };
}

describe('project structure', () => {
  it('stacks the layers: every import of every file of server/src (and client/src) goes to its own layer or one LAYERS allows', () => {
    const { checked, violations } = layerViolations();
    assert.ok(checked > 300, `only ${checked} imports checked`);
    assert.deepEqual(violations, []);
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory() || n.endsWith('.ts'));
    assert.deepEqual(folders.filter((n) => !(n in LAYERS)), [], 'a folder of server/src without a row in LAYERS');
  });

  it('keeps the analysis core free of editor, LSP and Node imports, also through the files it imports', () => {
    const offenders: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string, via: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        const bare = spec.replace(/^node:/, '').split('/')[0];
        if (spec.startsWith('node:') || builtinModules.includes(bare) || /^vscode/.test(spec)) offenders.push(`${file}${via}: ${spec}`);
        if (spec.startsWith('.') && !spec.endsWith('.md')) {
          const target = [join(dirname(file), spec + '.ts'), join(dirname(file), spec, 'index.ts')].find((f) => existsSync(f));
          if (!target) offenders.push(`${file}: cannot resolve ${spec}`);
          else visit(target, ` (via ${file.slice(ROOT.length + 1)})`);
        }
      }
    };
    for (const file of CORE.map((d) => join(SRC, d)).flatMap(walk).filter((f) => f.endsWith('.ts') && !f.endsWith('.cases.ts'))) visit(file, '');
    assert.ok(seen.size > 30, `only ${seen.size} files visited`);
    assert.deepEqual(offenders, []);
  });

  it('keeps case tables as data beside their rules: they import only from server/src/rules, and no product file imports them', () => {
    const rules = join(ROOT, 'server/src/rules');
    const tables = readdirSync(rules).filter((f) => f.endsWith('.cases.ts')).map((f) => join(rules, f));
    assert.ok(tables.length >= 4, `only ${tables.length} case tables found`);
    const outside = tables.flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith('.') || dirname(join(dirname(file), spec)) !== rules)
        .map((spec) => `${file.slice(ROOT.length + 1)}: ${spec}`),
    );
    assert.deepEqual(outside, [], 'case tables import from outside server/src/rules');
    const product = ['server/src', 'client/src'].flatMap((d) => walk(join(ROOT, d))).filter((f) => f.endsWith('.ts') && !f.endsWith('.cases.ts'));
    const intoTests = product.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && (/\.cases$/.test(spec) || join(dirname(file), spec).startsWith(join(ROOT, 'test') + '/')))
        .map((spec) => `${file.slice(ROOT.length + 1)}: ${spec}`),
    );
    assert.deepEqual(intoTests, [], 'product code imports a case table or a test file');
  });

  it('registers every rule once, sorted by code', () => {
    const codes = RULES.map((r) => r.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, codes.length);
    for (const r of RULES) assert.match(r.code, /^[a-z]+(-[a-z]+)+$/, 'kebab-case code');
  });

  it('has a doc page with the fixed headings for every rule, and no stray page', () => {
    const pages = readdirSync(join(ROOT, 'docs/rules')).map((f) => f.replace(/\.md$/, '')).sort();
    assert.deepEqual(pages, RULES.map((r) => r.code));
    assert.deepEqual(Object.keys(RULE_DOCS).sort(), pages);
    for (const r of RULES) {
      const headings = [...RULE_DOCS[r.code].matchAll(/^#+ (.*)$/gm)].map((m) => m[1]);
      assert.deepEqual(headings, [r.code, 'What it catches', 'What breaks at runtime', 'Bad', 'Good', 'The fix'], r.code);
      assert.doesNotMatch(RULE_DOCS[r.code], /\bTODO\b/, r.code);
    }
  });

  it('has a case table for every rule family, and cases for every rule and message', () => {
    const families = readdirSync(join(ROOT, 'server/src/rules'))
      .filter((f) => f.endsWith('.cases.ts'))
      .map((f) => f.replace(/\.cases\.ts$/, ''));
    assert.deepEqual(Object.keys(CASE_TABLES).sort(), families.sort());
    const covered = new Set(Object.values(CASE_TABLES).flatMap((t) => t.invalid.flatMap((c) => c.findings.map((f) => `${f.code}/${f.messageId}`))));
    const declared = RULES.flatMap((r) => Object.keys(r.messages).map((id) => `${r.code}/${id}`));
    assert.deepEqual(declared.filter((d) => !covered.has(d)), [], 'messages without an invalid case');
  });

  it('lists every rule in the README\'s table with its default severity', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (error|warning|information|hint) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(rows, RULES.map((r) => `${r.code} ${r.defaultSeverity}`));
  });

  it('gives every rule a description and every message a text that names no template key it lacks', () => {
    for (const r of RULES) {
      assert.ok(r.description.length > 20 && !/TODO/.test(r.description), r.code);
      for (const [id, text] of Object.entries(r.messages)) assert.ok(text.length > 20 && !/TODO/.test(text), `${r.code}/${id}`);
    }
  });
});
