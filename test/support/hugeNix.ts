/**
 * Generated Nix files far beyond what a person writes (nixpkgs has generated
 * files of 20 MB): for the huge-file protocol tests and bench/hugeFiles.ts.
 * Each begins with an interface that lacks its macvtap mode, so a file that
 * were checked would show `macvtap-mode-missing`.
 */

export const MISTAKE = '  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; } ];\n';

/** About `bytes` of package-like sets (ASCII, so bytes = characters). */
export function sizedFile(bytes: number): string {
  const parts = ['{ pkgs, ... }:\n{\n', MISTAKE, '  packages = {\n'];
  let size = parts.join('').length;
  for (let i = 0; size < bytes; i++) {
    const line = `    p${i} = { pname = "pkg${i}"; version = "1.${i}"; src = pkgs.fetchurl { url = "https://example.org/${i}.tar.gz"; }; };\n`;
    parts.push(line);
    size += line.length;
  }
  parts.push('  };\n}\n');
  return parts.join('');
}

/** One set with `count` bindings. */
export function manyBindings(count: number): string {
  const parts = ['{ pkgs, ... }:\n{\n', MISTAKE, '  names = {\n'];
  for (let i = 0; i < count; i++) parts.push(`    a${i} = ${i};\n`);
  parts.push('  };\n}\n');
  return parts.join('');
}

/**
 * `depth` levels of `open`/`close` around an interface with the mistake:
 * `[ [ ... { type = "macvtap"; ... } ... ] ]` as the value of microvm.interfaces.
 */
export function deeplyNested(depth: number, open: string, close: string): string {
  const iface = '{ type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; }';
  return `{\n  microvm.interfaces = ${open.repeat(depth)} ${iface} ${close.repeat(depth)};\n}\n`;
}

/** An interface whose own set nests `depth` levels (`x = { x = { ... }; };`): every set reader meets the depth. */
export function deepInterfaceSet(depth: number): string {
  const inner = 'x = { '.repeat(depth) + 'y = 1;' + ' };'.repeat(depth);
  return `{\n  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; ${inner} } ];\n}\n`;
}
