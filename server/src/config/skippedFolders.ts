/**
 * Folders never searched for Nix files, by the CLI's walk and the editor's
 * workspace index (both hosts): version control, JavaScript dependencies,
 * direnv's cache, and the `result`, `result-1`, `result-dev`... links
 * `nix build` leaves to the store.
 */
const SKIPPED = new Set(['.git', 'node_modules', '.direnv']);

export const isSkippedFolder = (name: string): boolean => SKIPPED.has(name) || /^result(-.*)?$/.test(name);
