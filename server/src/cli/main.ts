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
import { join } from 'node:path';
import { readParserWasm } from '../node/wasm';
import { VERSION } from '../version';
import { checkSelection, failsAt, formatJson, formatText, selectFiles } from './check';
import { errorCode } from './walk';

const USAGE = `Usage:
  microvm-lint check [paths...] [--format text|json] [--fail-on error|warning|info] [--preferred-mode MODE]
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
      'preferred-mode': { type: 'string', default: 'vepa' },
    },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const failOn = FAIL_ON[values['fail-on']];
  if (!failOn) throw new UsageError(`--fail-on must be error, warning or info, not "${values['fail-on']}"`);
  const mode = values['preferred-mode'];
  if (!isMacvtapMode(mode)) throw new UsageError(`--preferred-mode must be a macvtap mode, not "${mode}"`);
  const selection = selectFiles(positionals.length > 0 ? positionals : ['.']);
  // The WASM parser starts only when some file needs parsing.
  const parser = selection.candidates.length > 0 ? await NixParser.load(readParserWasm()) : undefined;
  const result = checkSelection(parser, selection, { ...DEFAULT_OPTIONS, preferredMode: mode });
  for (const w of result.warnings) process.stderr.write(`microvm-lint: warning: ${w}\n`);
  process.stdout.write(values.format === 'json' ? formatJson(result) : formatText(result));
  return failsAt(result, failOn) ? 1 : 0;
}

function explain(args: string[]): number {
  if (args.length === 0) {
    for (const r of RULES) process.stdout.write(`${r.code.padEnd(27)} ${r.defaultSeverity.padEnd(12)} ${r.description}\n`);
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

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`microvm-lint: ${(e as Error).message} (see microvm-lint --help)\n`);
    } else {
      const path = (e as { path?: string }).path;
      process.stderr.write(`microvm-lint: ${path ? `${path}: ` : ''}${errorCode(e)}\n`);
    }
    process.exitCode = 2;
  },
);
