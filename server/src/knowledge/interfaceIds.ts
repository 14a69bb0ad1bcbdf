/**
 * Interface ids name host devices: Linux allows 15 bytes (IFNAMSIZ less the
 * terminating NUL), and microvm.nix asserts the same with Nix's
 * `stringLength`, which counts UTF-8 bytes.
 */
export const MAX_ID_BYTES = 15;

/** Bytes in UTF-8, as Nix's `stringLength` and the kernel count them. */
export function idBytes(id: string): number {
  let n = 0;
  for (const ch of id) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
