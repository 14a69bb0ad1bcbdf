/**
 * The `microvm-lint` command: `check` for CI, `lsp` for editors, `explain`
 * for a rule's documentation. Usage and I/O errors print one line and exit 2.
 */
import { parseArgs } from 'node:util';
import { NixParser } from '../parse/nixParser';
import { RULE_DOCS } from '../rules/docs';
import { RULES } from '../rules/index';
import { DEFAULT_OPTIONS, isMacvtapMode } from '../rules/options';
import type { Severity } from '../rules/rule';
import { join, resolve } from 'node:path';
import { readParserWasm } from '../fs/wasm';
import { VERSION } from '../version';
import { failsAt, formatJson, formatText, resultOf, selectFiles, type CheckResult, type Selection } from './check';
import { withCrossFile } from './crossFile';
import { formatGithub } from './formats/github';
import { formatSarif } from './formats/sarif';
import { errorCode } from '../fs/errors';
import { ConfigError } from '../fs/configFiles';
import { NamedPathError } from '../fs/walk';
import { Configs } from './configs';
import { parseRuleFlag } from '../config/configFile';
import { Progress } from './progress';
import { fixFiles } from './fix';
import { DEFAULT_CACHE_FILE, ResultCache } from './cache';
import { CheckRunner } from './pool';

const USAGE = `Usage:
  microvm-lint check [paths...] [--format text|json|sarif|github] [--fail-on error|warning|info] [--preferred-mode MODE]
                     [--rule code=error|warning|info|hint|off]... [--fix | --fix-dry-run] [--cache [--cache-location FILE]]
                     [--jobs N]           N threads check files (default: one per core, fewer for few files; 1: no workers)
  microvm-lint lsp --stdio            run the language server over stdio (also --node-ipc)
  microvm-lint explain [code]         print a rule's documentation (no code: list the rules)
  microvm-lint --version

check exits 0 when nothing at warning level or above is found, 1 when something is,
2 on usage or I/O errors.`;

class UsageError extends Error {}

const FAIL_ON: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'information', information: 'information' };

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'warning' },
      'preferred-mode': { type: 'string' },
      rule: { type: 'string', multiple: true, default: [] },
      fix: { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string', default: DEFAULT_CACHE_FILE },
      'fix-dry-run': { type: 'boolean', default: false },
      jobs: { type: 'string' },
    },
  });
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
  const format = values.format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const failOn = FAIL_ON[values['fail-on']];
  if (!failOn) throw new UsageError(`--fail-on must be error, warning or info, not "${values['fail-on']}"`);
  const mode = values['preferred-mode'];
  if (mode !== undefined && !isMacvtapMode(mode)) throw new UsageError(`--preferred-mode must be a macvtap mode, not "${mode}"`);
  const rules: Record<string, Severity | 'off'> = {};
  for (const flag of values.rule) {
    try {
      const [code, level] = parseRuleFlag(flag);
      rules[code] = level;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a whole number of at least 1, not "${values.jobs}"`);
  const configs = new Configs({ ...(mode ? { preferredMode: mode } : {}), rules });
  const progress = new Progress(process.stderr);
  const paths = positionals.length > 0 ? positionals : ['.'];
  const cache = values.cache ? new ResultCache(values['cache-location']) : undefined;
  // The WASM parser starts in this thread only when it has files to parse (fixes always parse).
  let parser: Promise<NixParser> | undefined;
  const loadParser = () => (parser ??= NixParser.load(readParserWasm()));
  const fixMode = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined;
  const runner = new CheckRunner({
    jobs,
    forced: jobs !== undefined,
    cache: fixMode === 'dry-run' ? undefined : cache,
    parser: loadParser,
    workerScript: join(__dirname, 'cliWorker.js'),
    onProgress: (done, total) => progress.update(`checked ${done}/${total} files`),
  });
  let selection: Selection;
  try {
    selection = await select(paths, configs, runner, fixMode, loadParser, cache);
  } catch (e) {
    await runner.close(); // workers already started must not keep the process alive
    throw e;
  }
  const checked = await withCrossFile(selection, await runner.finish(), loadParser);
  const result = resultOf({ ...selection, candidates: checked.candidates }, checked.results);
  progress.done();
  const cacheProblem = cache?.save();
  if (cacheProblem) result.warnings.push(cacheProblem);
  if (fixMode === 'dry-run') {
    const left = result.results.reduce((n, r) => n + r.findings.length, 0);
    process.stderr.write(`microvm-lint: ${left} problem${left === 1 ? '' : 's'} would remain after these fixes\n`);
    return failsAt(result, failOn) ? 1 : 0;
  }
  for (const w of result.warnings) process.stderr.write(`microvm-lint: warning: ${w}\n`);
  process.stdout.write(formatResult(format, result));
  return failsAt(result, failOn) ? 1 : 0;
}

/**
 * Walks and reads the files, handing each to `runner`; with a fix mode, fixes
 * them first (in this thread) and hands over the fixed texts.
 */
async function select(
  paths: readonly string[],
  configs: Configs,
  runner: CheckRunner,
  fixMode: 'write' | 'dry-run' | undefined,
  loadParser: () => Promise<NixParser>,
  cache: ResultCache | undefined,
): Promise<Selection> {
  // Workers start on the first files while the walk goes on; the cache spares reading unchanged files.
  if (!fixMode) return selectFiles(paths, configs, (c) => runner.add(c), cache);
  // Fixing reads every file (and the fixed texts are new): no metadata shortcut.
  const selection = selectFiles(paths, configs);
  if (selection.candidates.length > 0) {
    const { changed, output } = fixFiles(await loadParser(), selection.candidates, DEFAULT_OPTIONS, fixMode);
    // The report below is what remains: the fixed texts (written, or as they would be).
    const after = new Map(changed.map((c) => [c.file, c.after]));
    selection.candidates = selection.candidates.map((c) => ({ ...c, text: after.get(c.file) ?? c.text }));
    // A diff is the dry run's output; the list of fixed files goes beside the report, not into it.
    if (fixMode === 'dry-run') process.stdout.write(output);
    else process.stderr.write(output);
  }
  for (const c of selection.candidates) runner.add(c);
  return selection;
}

const FORMATS = ['text', 'json', 'sarif', 'github'];

function formatResult(format: string, result: CheckResult): string {
  if (format === 'json') return formatJson(result);
  if (format === 'text') return formatText(result);
  // Paths relative to the repository root, which is what GitHub resolves them against (in Actions even when
  // the check runs in a subfolder); elsewhere the current folder.
  const absolute = { ...result, results: result.results.map((r) => ({ ...r, file: resolve(r.file) })) };
  const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
  return format === 'sarif' ? formatSarif(absolute, { cwd }) : formatGithub(absolute, { cwd });
}

function explain(args: string[]): number {
  if (args.length === 0) {
    for (const r of RULES) process.stdout.write(`${r.code.padEnd(27)} ${r.defaultSeverity.padEnd(12)} ${(r.fixable ? 'fixable' : '').padEnd(8)} ${r.description}\n`);
    return 0;
  }
  const doc = RULE_DOCS[args[0]];
  if (!doc) throw new UsageError(`unknown rule "${args[0]}" (microvm-lint explain lists them)`);
  process.stdout.write(doc);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest);
    case 'lsp':
      if (!rest.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) rest.push('--stdio');
      process.argv = [process.argv[0], process.argv[1], ...rest];
      // The server is its own bundle (dist/server.js, also what VS Code starts):
      // loading it only here keeps the LSP library out of `check`'s start-up.
      require(join(__dirname, 'server.js'));
      return -1; // keeps running
    case 'explain':
      return explain(rest);
    case '--version':
    case '-v':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  }
}

// `microvm-lint check | head`: the reader went away; stop quietly instead of dying on EPIPE with a stack.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // parseArgs explains some mistakes over several lines: the first says what is wrong.
      process.stderr.write(`microvm-lint: ${(e as Error).message.split('\n')[0]} (see microvm-lint --help)\n`);
    } else if (e instanceof NamedPathError || e instanceof ConfigError) {
      process.stderr.write(`microvm-lint: ${e.message}\n`);
    } else {
      const path = (e as { path?: string }).path;
      process.stderr.write(`microvm-lint: ${path ? `${path}: ` : ''}${errorCode(e)}\n`);
    }
    process.exitCode = 2;
  },
);
