/**
 * `microvm-lint check --format sarif`: a SARIF 2.1.0 log for GitHub code
 * scanning and other SARIF viewers. Pure: the check result and the working
 * directory in, the whole output out.
 *
 * Positions: SARIF lines and columns are 1-based; `run.columnKind` says that
 * columns count UTF-16 code units, which is what LineIndex's characters count,
 * so a column is the LSP character + 1 and an end column points just past the
 * last character. Lines end at "\r\n", "\n" or a lone "\r", as in LSP.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULE_DOCS, docsUrl } from '../../rules/docs';
import { RULES } from '../../rules/index';
import type { Finding, Severity } from '../../rules/rule';
import type { TextEdit } from '../../text/edits';
import type { LineIndex, Position } from '../../text/lineIndex';
import { VERSION } from '../../version';
import type { CheckResult } from '../check';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/microvm-lint/microvm-lint';
/** The base id relative artifact URIs resolve against (the working directory). */
export const SRCROOT = '%SRCROOT%';
/** The partialFingerprints key (versioned: a new way of hashing gets a new key). */
export const FINGERPRINT_KEY = 'microvmLintLineHash/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifOptions {
  /**
   * The directory relative URIs are relative to (`%SRCROOT%`); normally the process's working
   * directory. Relative `file`s of the result are read as relative to it too.
   */
  cwd: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region: Region;
}

export function formatSarif(result: CheckResult, opts: SarifOptions): string {
  const cwd = resolve(opts.cwd);
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const results = result.results.flatMap(({ file, lines, findings }) => {
    const artifactLocation = artifactLocationOf(file, cwd);
    const seen = new Map<string, number>();
    return findings.map((f) => {
      const index = ruleIndex.get(f.code);
      const hash = lineHash(f.code, artifactLocation.uri, lines, f.span.start);
      // Two findings of one rule on one line (or on equal lines) stay distinct, as GitHub's own line hashes do.
      const occurrence = seen.get(hash) ?? 0;
      seen.set(hash, occurrence + 1);
      return {
        ruleId: f.code,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: physicalLocation(artifactLocation, lines, f.span) }],
        ...(f.related && f.related.length > 0
          ? {
              relatedLocations: f.related.map((r, i) => ({
                id: i + 1,
                // In this file, or in another one (a duplicate across files).
                physicalLocation: 'span' in r ? physicalLocation(artifactLocation, lines, r.span) : otherFileLocation(r.uri, r.range, cwd),
                message: { text: r.message },
              })),
            }
          : {}),
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
        ...(f.fixes.length > 0 ? { fixes: sarifFixes(f, artifactLocation, lines) } : {}),
      };
    });
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'microvm-lint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: RULES.map((r) => {
              const doc = RULE_DOCS[r.code] ?? '';
              return {
                id: r.code,
                name: pascalCase(r.code),
                shortDescription: { text: r.description },
                fullDescription: { text: section(doc, 'What it catches') || r.description },
                help: { text: doc ? plainText(doc) : r.description, markdown: doc || r.description },
                helpUri: docsUrl(r.code),
                defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              };
            }),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            ...(result.warnings.length > 0
              ? { toolExecutionNotifications: result.warnings.map((w) => ({ level: 'warning', message: { text: w } })) }
              : {}),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** "mac-invalid" -> "MacInvalid". */
export function pascalCase(code: string): string {
  return code
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/**
 * A file below `cwd` gets a relative URI (forward slashes, each segment
 * percent-encoded) resolved against %SRCROOT%; any other file an absolute
 * file:// URI without a base.
 */
export function artifactLocationOf(file: string, cwd: string): ArtifactLocation {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  // encodeURIComponent also escapes ":" (a first segment like "a:b" would read as a scheme), "?", "#", "%" and spaces.
  return { uri: rel.split(sep).map((segment) => encodeURIComponent(wellFormed(segment))).join('/'), uriBaseId: SRCROOT };
}

/** Lone surrogates (possible in Windows file names) as U+FFFD, as URLs have them; encodeURIComponent throws on them. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The file URI of a directory, ending with "/" as a base URI must. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : href + '/';
}

function region(lines: LineIndex, start: number, end: number): Region {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function physicalLocation(artifactLocation: ArtifactLocation, lines: LineIndex, span: { start: number; end: number }): PhysicalLocation {
  return { artifactLocation, region: region(lines, span.start, span.end) };
}

/** A place in another checked file, given as its file URI and an LSP range (0-based, UTF-16). */
function otherFileLocation(uri: string, range: { start: Position; end: Position }, cwd: string): PhysicalLocation {
  return {
    artifactLocation: artifactLocationOf(fileURLToPath(uri), cwd),
    region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
  };
}

/**
 * Every fix, the preferred one first. The replacements of one fix run from
 * the end of the file to its start, so applying them one after the other
 * gives the same text as applying them all to the original.
 */
function sarifFixes(f: Finding, artifactLocation: ArtifactLocation, lines: LineIndex) {
  const fixes = [...f.fixes].sort((a, b) => Number(b.isPreferred === true) - Number(a.isPreferred === true));
  return fixes.map((fix) => ({
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation,
        replacements: [...fix.edits]
          .sort((a: TextEdit, b: TextEdit) => b.start - a.start || b.end - a.end)
          .map((e) => ({ deletedRegion: region(lines, e.start, e.end), insertedContent: { text: e.newText } })),
      },
    ],
  }));
}

/**
 * A hash of the rule, the file and the text of the finding's first line
 * without whitespace: it survives edits elsewhere in the file, re-indenting
 * and a change of line ends, and changes when the line itself does.
 */
function lineHash(code: string, uri: string, lines: LineIndex, offset: number): string {
  const line = lines.positionAt(offset).line;
  const text = lines.text.slice(lines.lineStart(line), lines.lineEnd(line)).replace(/\s+/g, '');
  return createHash('sha256').update(`${code}\0${uri}\0${text}`).digest('hex').slice(0, 32);
}

/** The text of a "## title" section of a rule page, as plain text. */
function section(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (at < 0) return '';
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => /^#{1,2} /.test(l));
  return plainText(rest.slice(0, end < 0 ? rest.length : end).join('\n'));
}

/**
 * Markdown as plain text for `help.text` (`help.markdown` has the page
 * itself): no heading marks or code fences, and hard-wrapped paragraphs
 * joined into one line each. Code blocks and tables keep their lines.
 */
export function plainText(markdown: string): string {
  const out: string[] = [];
  let inCode = false;
  let joinable = false;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*```/.test(raw)) {
      inCode = !inCode;
      joinable = false;
    } else if (inCode) {
      out.push(raw);
    } else if (raw.trim() === '') {
      out.push('');
      joinable = false;
    } else if (/^#{1,6}\s/.test(raw)) {
      out.push(raw.replace(/^#{1,6}\s+/, '').trim());
      joinable = false;
    } else if (raw.startsWith('|')) {
      out.push(raw.trimEnd());
      joinable = false;
    } else if (/^[*-] /.test(raw) || !joinable) {
      // A list item starts a line of its own; its indented continuation lines join it.
      out.push(raw.trimEnd());
      joinable = true;
    } else {
      out[out.length - 1] += ' ' + raw.trim();
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
