/**
 * `microvm-lint check --format github`: GitHub Actions workflow commands,
 * one line per finding, which the runner turns into annotations on the
 * files of a pull request:
 *
 *   ::error file=hosts/web.nix,line=3,col=5,endLine=3,endColumn=12,title=mac-invalid::MAC "…" is …
 *
 * Lines and columns are 1-based; columns count UTF-16 code units (LSP
 * character + 1), the end column points just past the last character.
 * The runner drops col and endColumn when line and endLine differ, so a
 * finding over several lines gets line and endLine only. Escaping follows
 * the Actions toolkit (@actions/core's command.ts): in the message "%",
 * "\r" and "\n"; in property values also ":" and ",".
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Severity } from '../../rules/rule';
import type { CheckResult } from '../check';

export interface GithubOptions {
  /**
   * Paths are written relative to this directory (it should be the workspace root in a workflow).
   * Relative `file`s of the result are read as relative to it too.
   */
  cwd: string;
}

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function formatGithub(result: CheckResult, opts: GithubOptions): string {
  const cwd = resolve(opts.cwd);
  let out = '';
  for (const { file, lines, findings } of result.results) {
    const path = displayPath(file, cwd);
    for (const f of findings) {
      const s = lines.positionAt(f.span.start);
      const e = lines.positionAt(f.span.end);
      const props: [string, string | number][] = [['file', path], ['line', s.line + 1]];
      if (s.line === e.line) props.push(['col', s.character + 1], ['endLine', e.line + 1], ['endColumn', e.character + 1]);
      else props.push(['endLine', e.line + 1]);
      props.push(['title', f.code]);
      out += `::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(f.message)}\n`;
    }
  }
  return out;
}

/** A path below `cwd` relative to it with forward slashes; any other path absolute. */
export function displayPath(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

/** The toolkit's escapeData: the message of a command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The toolkit's escapeProperty: a property value of a command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
