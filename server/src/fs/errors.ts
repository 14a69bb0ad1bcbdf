/** File system errors in one line, for the CLI's messages and the hosts' lookups. */

const ERROR_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
};

/** A short reason for a file system error: "permission denied" rather than a stack. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: string }).code;
  return code ? (ERROR_TEXT[code] ?? code) : e instanceof Error ? e.message : String(e);
}

/** The file is not there (nor is its folder): a normal answer when looking for an optional file. */
export function isNotFound(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
