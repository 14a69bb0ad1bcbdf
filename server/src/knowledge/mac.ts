/**
 * MAC addresses as microvm.nix and the kernel see them: six octets written
 * with colons (`ip link ... address MAC`); the low bit of the first octet
 * means multicast, the next bit locally administered. The generated MAC
 * follows microvm.nix's own example (examples/microvms-host.nix): the
 * sha256 hex of a seed, `h[0]2:h[2..3]:h[4..5]:h[6..7]:h[8..9]:h[10..11]`,
 * which `builtins.hashString "sha256" seed` reproduces in Nix.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export type MacNotation = 'colons' | 'dashes' | 'dots' | 'bare';

export interface ParsedMac {
  /** The twelve hex digits as written (case kept). */
  digits: string;
  notation: MacNotation;
  /** Lower-case, colon-separated: the form microvm.nix passes to `ip link`. */
  canonical: string;
  multicast: boolean;
  local: boolean;
  /** 00:00:00:00:00:00, which the kernel refuses as an interface's address. */
  zero: boolean;
}

const NOTATIONS: [MacNotation, RegExp][] = [
  ['colons', /^([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})$/i],
  ['dashes', /^([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})$/i],
  ['dots', /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i],
  ['bare', /^([0-9a-f]{12})$/i],
];

/** A MAC in any of the usual notations, or undefined when it is none. */
export function parseMac(text: string): ParsedMac | undefined {
  for (const [notation, pattern] of NOTATIONS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const digits = m.slice(1).join('');
    const first = parseInt(digits.slice(0, 2), 16);
    return {
      digits,
      notation,
      canonical: colons(digits).toLowerCase(),
      multicast: (first & 1) === 1,
      local: (first & 2) === 2,
      zero: /^0+$/.test(digits),
    };
  }
  return undefined;
}

/** How people call each notation, for messages. */
export const NOTATION_NAMES: Readonly<Record<MacNotation, string>> = {
  colons: 'colons',
  dashes: 'dashes',
  dots: 'Cisco-style dots',
  bare: 'no separators',
};

/** Why `text` is no MAC in any notation, in a few words ("it has 10 hex digits, not 12"). */
export function whyNotMac(text: string): string {
  if (text === '') return 'it is empty';
  if (/\s/.test(text)) return 'it contains whitespace';
  const stray = /[^0-9a-f:.-]/iu.exec(text);
  if (stray) return `"${stray[0]}" is not a hex digit`;
  const digits = text.replace(/[:.-]/g, '').length;
  if (digits !== 12) return `it has ${digits} hex digits, not 12`;
  return 'its octets are not separated by one colon each';
}

/** The digits with a colon between octets, their case kept: what "use colons" writes. */
export function colons(digits: string): string {
  return digits.match(/../g)!.join(':');
}

/** The MAC microvm.nix's example derives from `seed`. */
export function macFromSeed(seed: string): string {
  const h = bytesToHex(sha256(utf8ToBytes(seed)));
  return `${h[0]}2:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}:${h.slice(10, 12)}`;
}

/**
 * A stable locally administered unicast MAC for `seed` (an interface id, or
 * the VM's name) that is not in `taken` (canonical forms): `seed`, then
 * `seed-1`, `seed-2`, ... until one is free. Returns the seed used too.
 */
export function generateMac(seed: string, taken: ReadonlySet<string>): { mac: string; seed: string } {
  for (let n = 0; ; n++) {
    const s = n === 0 ? seed : `${seed}-${n}`;
    const mac = macFromSeed(s);
    if (!taken.has(mac)) return { mac, seed: s };
  }
}

/** How a generated MAC is made, for the fix's explanation. */
export const GENERATED_MAC_RECIPE =
  'sha256 of the interface id (h = builtins.hashString "sha256" id), then "${h[0]}2:${h[2..3]}:${h[4..5]}:${h[6..7]}:${h[8..9]}:${h[10..11]}": ' +
  'the second hex digit 2 makes it locally administered and unicast, and the same id always gives the same MAC.';
