/**
 * Mutations of Nix text, each one replacement of `text[start, end)`: token
 * deletes, inserts and swaps, cuts inside strings and `${`, unbalanced
 * braces, NUL, lone surrogates and surrogate pairs, end-of-line mixes, and
 * value swaps that move a file between the rules' cases.
 */
import type { Rng } from './prng';

export interface Mutation {
  op: string;
  start: number;
  end: number;
  newText: string;
}

interface Token {
  start: number;
  end: number;
  kind: 'space' | 'comment' | 'string' | 'word' | 'punct';
}

const TOKEN = /(\s+)|(#[^\r\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:\\[\s\S]|[^"\\])*"?|''[\s\S]*?(?:''|$))|([A-Za-z_][\w'-]*|\d+)|([\s\S])/gu;

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const kind = m[1] ? 'space' : m[2] ? 'comment' : m[3] ? 'string' : m[4] ? 'word' : 'punct';
    out.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return out;
}

/** Tokens and values that matter to the rules, so inserts and swaps reach their code paths. */
const VOCABULARY = [
  'microvm', 'interfaces', 'microvm.interfaces', 'vms', 'config', 'type', 'id', 'mac', 'macvtap', 'mode', 'link', 'bridge',
  'hypervisor', 'networking', 'macAddress', 'let', 'in', 'with', 'inherit', 'rec', 'if', 'then', 'else', 'null', 'true',
  'lib.mkForce', 'map', '...', '=', ';', ':', '.', ',', '?', '@', '++', '//', '{', '}', '[', ']', '(', ')', '"', "''", '${', '}',
  '"macvtap"', '"tap"', '"user"', '"bridge"', '"vepa"', '"brigde"', '"passthru"', '"private"', '"source"', '"eth0"', '"br0"',
  '"02:00:00:00:00:01"', '"02:00:00:00:00:02"', '"01:00:00:00:00:01"', '"00:16:3e:00:00:01"', '"00:00:00:00:00:00"', '"zz:00"',
  '"vm-a-very-long-interface-id"', '"vm-web"', '"vm-é🚀"', '"qemu"', '"cloud-hypervisor"', '"firecracker"', '"crosvm"',
  '# microvm-lint: disable-next-line macvtap-mode-missing', '# microvm-lint: disable mac-duplicate', '# microvm-lint: disable no-such-rule',
  '{ type = "macvtap"; id = "vm-x"; mac = "02:00:00:00:00:09"; macvtap.link = "eth0"; }',
];

const STRING_VALUES = [
  'macvtap', 'tap', 'user', 'bridge', 'vepa', 'private', 'passthru', 'source', 'brige', 'VEPA', '', ' ', 'eth0', 'br0',
  '02:00:00:00:00:01', '02:00:00:00:00:01', '03:00:00:00:00:01', '00:00:00:00:00:00', '02:00:00:00:00', '02-00-00-00-00-01',
  '00:16:3e:12:34:56', 'vm-this-id-is-far-too-long', 'vm-ü', 'vm-🚀🚀🚀🚀🚀', '${config.networking.hostName}', '${', '\\"', '\\${x}',
  'qemu', 'cloud-hypervisor', 'firecracker', 'crosvm', 'kvmtool', 'stratovirt', 'alioth',
];

const ODD = ['\0', '\uD800', '\uDC00', '\uDBFF', '🚀', 'é', '\u200B', '\uFEFF', '\t', '\\', '\r', '\n', '\r\n', '\n\r', '\u2028'];

type Op = (text: string, rng: Rng) => Omit<Mutation, 'op'> | undefined;

const nonSpace = (text: string) => tokens(text).filter((t) => t.kind !== 'space');
const strings = (text: string) => tokens(text).filter((t) => t.kind === 'string');
const at = (offset: number, newText: string) => ({ start: offset, end: offset, newText });

const OPS: Record<string, [Op, number]> = {
  deleteToken: [(text, rng) => {
    const ts = nonSpace(text);
    if (ts.length === 0) return undefined;
    const t = rng.pick(ts);
    return { start: t.start, end: t.end, newText: '' };
  }, 4],
  insertToken: [(text, rng) => {
    const ts = tokens(text);
    const offset = ts.length === 0 ? 0 : rng.pick(ts).start;
    const word = rng.chance(0.7) ? rng.pick(VOCABULARY) : ts.length ? text.slice(...span(rng.pick(ts))) : '';
    return at(offset, rng.chance(0.5) ? ` ${word} ` : word);
  }, 4],
  swapTokens: [(text, rng) => {
    const ts = nonSpace(text);
    if (ts.length < 2) return undefined;
    const i = rng.int(0, ts.length - 2);
    const [a, b] = [ts[i], ts[i + 1]];
    return { start: a.start, end: b.end, newText: text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) };
  }, 3],
  replaceStringValue: [(text, rng) => {
    const ss = strings(text).filter((s) => text[s.start] === '"');
    if (ss.length === 0) return undefined;
    const s = rng.pick(ss);
    return { start: s.start + 1, end: Math.max(s.start + 1, s.end - 1), newText: rng.pick(STRING_VALUES) };
  }, 6],
  cutInsideString: [(text, rng) => {
    const ss = strings(text);
    if (ss.length === 0) return undefined;
    const s = rng.pick(ss);
    const from = rng.int(s.start, s.end);
    // Up to the string's end (drops the closing quote) or a little further.
    return { start: from, end: Math.min(text.length, rng.chance(0.5) ? s.end : from + rng.int(1, 12)), newText: '' };
  }, 3],
  interpolation: [(text, rng) => {
    const ss = strings(text);
    const s = ss.length ? rng.pick(ss) : { start: 0, end: text.length };
    return at(rng.int(s.start, s.end), rng.pick(['${', '${x', '${ config.id }', '}', '$', '${"', '$${x}', "''${"]));
  }, 3],
  cutInterpolation: [(text, rng) => {
    const i = text.indexOf('${', rng.int(0, text.length));
    if (i < 0) return undefined;
    return { start: i + rng.int(0, 2), end: Math.min(text.length, i + rng.int(2, 10)), newText: '' };
  }, 2],
  unbalance: [(text, rng) => {
    const braces = [...text.matchAll(/[{}[\]()]/g)];
    if (braces.length && rng.chance(0.5)) {
      const b = rng.pick(braces);
      return { start: b.index, end: b.index + 1, newText: '' };
    }
    return at(rng.int(0, text.length), rng.pick(['{', '}', '[', ']', '(', ')', '{{', '}}', ']; }']));
  }, 3],
  odd: [(text, rng) => at(rng.int(0, text.length), rng.pick(ODD)), 3],
  nearSurrogate: [(text, rng) => {
    const pairs = [...text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)];
    if (pairs.length === 0) return at(rng.int(0, text.length), rng.pick(['🚀', '"🚀"', '# 🚀🚀\n']));
    const p = rng.pick(pairs).index;
    const start = Math.max(0, Math.min(text.length, p + rng.int(-1, 2)));
    const end = rng.chance(0.5) ? start : Math.min(text.length, start + rng.int(1, 3));
    return { start, end, newText: rng.pick(['', '', 'x', '🚀', '\uD800', '\n']) };
  }, 3],
  eol: [(text, rng) => {
    const eols = [...text.matchAll(/\r\n|\r|\n/g)];
    if (eols.length === 0) return undefined;
    const e = rng.pick(eols);
    return { start: e.index, end: e.index + e[0].length, newText: rng.pick(['\r\n', '\r', '\n', '\n\n', '\r\r\n', '']) };
  }, 3],
  allEols: [(text, rng) => ({ start: 0, end: text.length, newText: text.replace(/\r\n|\r|\n/g, rng.pick(['\r\n', '\r', '\n'])) }), 1],
  duplicateLine: [(text, rng) => {
    const lines = [...text.matchAll(/[^\r\n]*(\r\n|\r|\n|$)/g)].filter((m) => m[0] !== '');
    if (lines.length === 0) return undefined;
    const l = rng.pick(lines);
    return at(l.index, l[0].endsWith('\n') || l[0].endsWith('\r') ? l[0] : l[0] + '\n');
  }, 2],
  deleteLine: [(text, rng) => {
    const lines = [...text.matchAll(/[^\r\n]*(\r\n|\r|\n|$)/g)].filter((m) => m[0] !== '');
    if (lines.length === 0) return undefined;
    const l = rng.pick(lines);
    return { start: l.index, end: l.index + l[0].length, newText: '' };
  }, 2],
  whitespaceOrComment: [(text, rng) => at(rng.int(0, text.length), rng.pick([' ', '  ', '\n', '\t', ' # note\n', ' /* c */ ', '/*', '*/', '#'])), 2],
  truncate: [(text, rng) => ({ start: rng.int(0, text.length), end: text.length, newText: '' }), 1],
  spaceBetweenTokens: [(text, rng) => {
    const ts = tokens(text);
    return ts.length === 0 ? undefined : at(rng.pick(ts).start, rng.pick([' ', '\n', '\r\n', '\t', ' # note\n']));
  }, 0],
};

const WEIGHTED = Object.entries(OPS).map(([name, [, w]]) => [name, w] as const);
/** Mutations that mostly keep Nix's acceptance, so fixes are judged by Nix often enough. */
const GENTLE = [['replaceStringValue', 6], ['eol', 2], ['allEols', 1], ['spaceBetweenTokens', 2]] as const;

/** One random mutation of `text` (tries a few operations when one does not apply); `gentle` picks from GENTLE only. */
export function mutate(text: string, rng: Rng, gentle = false): Mutation {
  for (let tries = 0; tries < 8; tries++) {
    const op = rng.weighted(gentle ? GENTLE : WEIGHTED);
    const m = OPS[op][0](text, rng);
    if (m) return { op, ...m };
  }
  return { op: 'insertToken', ...at(rng.int(0, text.length), rng.pick(VOCABULARY)) };
}

/**
 * Typing inside a string value: part of one double-quoted string's content
 * replaced by plain characters (no quote, `$`, brace or line end), the edit
 * the server's incremental model update is for.
 */
export function typeInString(text: string, rng: Rng): Mutation | undefined {
  const ss = tokens(text).filter((t) => t.kind === 'string' && text[t.start] === '"' && text[t.end - 1] === '"' && t.end - t.start >= 2);
  if (ss.length === 0) return undefined;
  const s = rng.pick(ss);
  const start = rng.int(s.start + 1, s.end - 1);
  const end = rng.int(start, s.end - 1);
  const plain = STRING_VALUES.filter((v) => !/["'$\\{};\r\n#/*]/.test(v));
  const newText = rng.chance(0.3) ? '' : rng.chance(0.5) ? rng.pick(plain) : rng.pick(plain).slice(0, rng.int(1, 3));
  return { op: 'typeInString', start, end, newText };
}

export function applyMutation(text: string, m: Omit<Mutation, 'op'>): string {
  return text.slice(0, m.start) + m.newText + text.slice(m.end);
}

const span = (t: Token): [number, number] => [t.start, t.end];
