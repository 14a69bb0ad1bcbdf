/**
 * The core of `microvm-lint check --fix` and `--fix-dry-run`: apply the
 * preferred fixes ("fix all") to whole files, in passes, the way ESLint's
 * `--fix` does (a fix may make room for another one: overlapping fixes wait
 * for the next pass), and write the results atomically or show them as a diff.
 *
 * Never makes a file worse: a pass whose result has more tree-sitter
 * ERROR/MISSING nodes than the original text is dropped and fixing stops.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { NixParser } from '../parse/nixParser';
import { analyze } from '../rules/analyze';
import { nonOverlappingPreferredEdits, preferredFix, syntaxProblems } from '../rules/fixes';
import type { AnalysisOptions } from '../rules/options';
import { applyEdits, type TextEdit } from '../text/edits';
import { LineIndex } from '../text/lineIndex';
import { errorCode } from '../fs/errors';

/** ESLint's MAX_AUTOFIX_PASSES: enough for fixes that unblock each other, a stop for fixes that never settle. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFix {
  code: string;
  /** The title of the preferred fix that was applied. */
  title: string;
  /** 1-based line of the finding in the text as it was given (findings of later passes are mapped back). */
  line: number;
}

export interface FixTextResult {
  text: string;
  /** In the order they were applied: pass by pass, in document order within a pass. */
  applied: AppliedFix[];
  /** Passes whose edits were kept (0 when nothing was fixed). */
  passes: number;
}

/**
 * Applies the preferred fixes to `text` until none is left, or for at most
 * MAX_FIX_PASSES passes. Each pass analyses the current text and applies the
 * non-overlapping preferred edits (what fix-all in the editor applies); a pass
 * whose result has more syntax problems than the original `text` is dropped
 * and ends the loop, as does a pass that would not change the text.
 */
export function fixText(parser: NixParser, text: string, options: AnalysisOptions): FixTextResult {
  const baseline = syntaxProblems(parser, text);
  /** What was fixed, with the offset of the finding in `text`. */
  const applied: { code: string; title: string; offset: number }[] = [];
  /** The edits of each kept pass, to map offsets of later passes back to `text`. */
  const history: TextEdit[][] = [];
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const tree = parser.parse(current);
    let edits: TextEdit[];
    let fixed: { code: string; title: string; offset: number }[];
    try {
      const { findings } = analyze(tree, current, { options });
      edits = nonOverlappingPreferredEdits(findings);
      // The findings whose preferred fix made it into the pass (its edits are the same objects).
      const chosen = new Set(edits);
      fixed = findings.flatMap((f) => {
        const fix = preferredFix(f);
        return fix && fix.edits.length > 0 && fix.edits.every((e) => chosen.has(e)) ? [{ code: f.code, title: fix.title, offset: f.span.start }] : [];
      });
    } finally {
      tree.delete();
    }
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break; // edits that change nothing would repeat forever
    if (syntaxProblems(parser, next) > baseline) break; // this pass would break the file: drop it
    for (const f of fixed) applied.push({ ...f, offset: history.reduceRight((o, earlier) => offsetBefore(earlier, o), f.offset) });
    history.push(edits);
    current = next;
  }
  const lines = new LineIndex(text);
  return {
    text: current,
    applied: applied.map(({ code, title, offset }) => ({ code, title, line: lines.positionAt(offset).line + 1 })),
    passes: history.length,
  };
}

/** Where `offset` (in the text after `edits`) was before them; inside inserted text: where the edit started. */
function offsetBefore(edits: readonly TextEdit[], offset: number): number {
  let delta = 0; // (new - old) length change of the edits before the current one
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const newStart = e.start + delta;
    if (offset < newStart) break;
    if (offset < newStart + e.newText.length) return e.start;
    delta += e.newText.length - (e.end - e.start);
  }
  return offset - delta;
}

export interface FixInput {
  /** The path as the user named it (shown in the output and the diff headers). */
  file: string;
  /** The file's text, without a byte order mark (as `selectFiles` returns it). */
  text: string;
  /**
   * Whether the file starts with a UTF-8 BOM, which is then written back.
   * When omitted: yes if `text` starts with U+FEFF (which is then not part of
   * the text to fix), else the file's first three bytes on disk tell (a file
   * that cannot be read has none).
   */
  bom?: boolean;
  /** The options for this file (from its nearest configuration file, as `selectFiles` gives them); else those passed to `fixFiles`. */
  options?: AnalysisOptions;
}

export interface FileChange {
  file: string;
  /** The text before and after fixing, both without the BOM. */
  before: string;
  after: string;
  bom: boolean;
  applied: AppliedFix[];
  passes: number;
}

/**
 * Fixes `files`. In 'write' mode each changed file is replaced atomically
 * (see `writeFileAtomic`) and `output` has one line per changed file; in
 * 'dry-run' mode nothing is written and `output` is a git-style unified diff
 * per changed file. `options` apply to the files that bring none of their
 * own (so `selectFiles(...).candidates` can be passed as they are). Files
 * whose text does not change are neither written nor listed. All files are
 * fixed before the first is written; a write that fails throws an Error whose
 * one-line message names the file (the files before it are written by then).
 */
export function fixFiles(
  parser: NixParser,
  files: readonly FixInput[],
  options: AnalysisOptions,
  mode: 'write' | 'dry-run',
): { changed: FileChange[]; output: string } {
  const changed: FileChange[] = [];
  for (const input of files) {
    const hasBomChar = input.text.charCodeAt(0) === 0xfeff;
    const before = hasBomChar ? input.text.slice(1) : input.text;
    const { text: after, applied, passes } = fixText(parser, before, input.options ?? options);
    if (after === before) continue;
    const bom = input.bom ?? (hasBomChar || startsWithBom(input.file));
    changed.push({ file: input.file, before, after, bom, applied, passes });
  }
  let output = '';
  for (const c of changed) {
    if (mode === 'write') {
      writeFileAtomic(c.file, (c.bom ? '\ufeff' : '') + c.after);
      output += `fixed ${c.file}: ${describeApplied(c.applied)}\n`;
    } else {
      output += unifiedDiff(c.file, c.before, c.after);
    }
  }
  return { changed, output };
}

/** "2 problems (macvtap-mode-missing, mac-invalid)": the codes once each, in the order they were fixed. */
function describeApplied(applied: readonly AppliedFix[]): string {
  const n = applied.length;
  return `${n} problem${n === 1 ? '' : 's'} (${[...new Set(applied.map((a) => a.code))].join(', ')})`;
}

function startsWithBom(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(3);
    return readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A git-style unified diff (`--- a/<path>`, `+++ b/<path>`, 3 lines of
 * context, `@@ -5 +5,2 @@` hunk headers) of one file. The path is the one
 * given, with "/" separators and without a leading "./" or "/" (as `git diff
 * --no-index` shows absolute paths). Lines keep their own EOL characters, so a
 * CRLF file's diff has "\r\n" in its content lines, as git's does; text in
 * BOM-less form on both sides, so the BOM never shows.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const path = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  // jsdiff writes "-5,1"; git leaves out a count of one. Only hunk headers start with "@@".
  const one = (range: string) => range.replace(/,1$/, '');
  return patch.replace(/^@@ -(\d+(?:,\d+)?) \+(\d+(?:,\d+)?) @@/gm, (_, a: string, b: string) => `@@ -${one(a)} +${one(b)} @@`);
}

/**
 * Replaces `file` with `content` atomically: a temporary file in the same
 * directory (`.<name>.microvm-lint-<pid>-<random>.tmp`, created exclusively)
 * gets the content, the original's permission bits (and owner, where allowed),
 * is fsynced and renamed over the original, so a reader sees the old or the
 * new file, never half of one. A file we may not write is refused, although
 * the rename alone would replace it. A symlink is followed: its target is
 * replaced and the link kept. On any error the temporary file is removed and
 * an Error with a one-line message naming `file` is thrown (`cause`: the
 * original error).
 */
export function writeFileAtomic(file: string, content: string): void {
  let tmp: string | undefined;
  let fd: number | undefined;
  try {
    const target = realpathSync(file);
    const st = statSync(target);
    accessSync(target, constants.W_OK); // a read-only file stays as it is, as with writing it in place
    tmp = join(dirname(target), `.${basename(target)}.microvm-lint-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    fd = openSync(tmp, 'wx', 0o600);
    const mine = fstatSync(fd);
    if (mine.uid !== st.uid || mine.gid !== st.gid) {
      try {
        fchownSync(fd, st.uid, st.gid);
      } catch {
        // Only root (or a member of the group) may hand a file over: otherwise it becomes ours, as with any editor.
      }
    }
    fchmodSync(fd, st.mode & 0o7777); // after chown, which may clear set-id bits
    const bytes = Buffer.from(content, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
    tmp = undefined;
    syncDirectory(dirname(target));
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    if (tmp !== undefined) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // nothing more to do: the message below names the file
      }
    }
    throw new Error(`${file}: cannot write the fixed file (${errorCode(e)})`, { cause: e });
  }
}

/** Makes the rename durable where the platform allows (Linux, macOS); elsewhere a no-op. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; the rename has happened anyway.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
