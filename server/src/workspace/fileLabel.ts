/** How messages name another file: its last path segment, decoded (`a.nix`, `default.nix` with its folder). */
export function fileLabel(uri: string): string {
  const parts = uri.replace(/[?#].*$/, '').split('/').filter((p) => p !== '');
  const pick = parts.at(-1) === 'default.nix' && parts.length > 1 ? parts.slice(-2) : parts.slice(-1);
  try {
    return pick.map(decodeURIComponent).join('/');
  } catch {
    return pick.join('/');
  }
}
