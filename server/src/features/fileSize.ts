/**
 * The size limit for checking a document (`microvmLint.maxFileSize`). Sizes
 * are UTF-8 bytes, as a file on disk is measured (and as the workspace index
 * measures files it reads), so "4 MB" means the same for open and unopened
 * files. A document over the limit is never parsed: it gets one information
 * diagnostic saying so, and every request on it answers empty.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { SOURCE } from './convert';

export const MAX_FILE_SIZE_SETTING = 'microvmLint.maxFileSize';
export const NOT_CHECKED_CODE = 'file-not-checked';

/** UTF-8 length of `text[start, end)`: a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD. */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = end - start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 2 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** "20.0 MB", "512 KB", "900 bytes": powers of 1024, as editors show file sizes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(0)} KB`;
  return `${bytes} bytes`;
}

/** The one diagnostic of a document over the limit, at its start. */
export function notCheckedDiagnostic(bytes: number, limit: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: NOT_CHECKED_CODE,
    message:
      `MicroVM Lint did not check this file: it is ${formatBytes(bytes)} (${bytes} bytes), over the ${formatBytes(limit)} ` +
      `limit (${limit} bytes) set by ${MAX_FILE_SIZE_SETTING}. Raise the setting to check it.`,
  };
}
