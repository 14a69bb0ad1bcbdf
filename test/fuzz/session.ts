/**
 * A fuzz session as data: the steps an editor sends for one document (open,
 * changes, requests it may cancel, waits for a settled state, close). Steps
 * are generated up front from the seed, since the client's text follows from
 * them alone; the same list replays a failure exactly.
 */
import type { Position, Range } from 'vscode-languageserver-protocol';
import { LspText } from './lspText';
import { applyMutation, mutate, tokens, typeInString } from './mutate';
import type { Rng } from './prng';
import type { Seed } from './corpus';

export type Change = { range: Range; text: string } | { text: string };

export type Step =
  | { op: 'open'; text: string }
  /** One didChange notification; `mutations` names what made each change (for the record). */
  | { op: 'change'; changes: Change[]; mutations: string[] }
  /** A hover or code action request sent without waiting; cancelled right after sending when `cancel`. */
  | { op: 'request'; method: 'textDocument/hover' | 'textDocument/codeAction'; position: Position; cancel: boolean }
  /** Wait for the publish of the latest version, then check that state; hovers at `probes`. */
  | { op: 'settle'; probes: Position[] }
  | { op: 'close' };

export interface Session {
  seed: number;
  index: number;
  source: string;
  steps: Step[];
}

/** The client's text after each step (the same function the checker uses). */
export function textAfter(text: LspText, step: Step): LspText {
  if (step.op === 'open') return new LspText(step.text);
  if (step.op !== 'change') return text;
  return step.changes.reduce<LspText>((t, c) => ('range' in c ? t.change(c.range, c.text) : new LspText(c.text)), text);
}

export function generateSession(rng: Rng, corpus: readonly Seed[], seed: number, index: number): Session {
  const withFindings = corpus.filter((s) => s.hasFindings);
  const source = rng.chance(0.6) && withFindings.length > 0 ? rng.pick(withFindings) : rng.pick(corpus);
  let start = source.text;
  let name = source.name;
  // Now and then two files as one set's values: valid Nix when both are, with more VMs and interfaces to compare.
  if (rng.chance(0.15)) {
    const other = rng.pick(corpus);
    start = `{\n  a = ${start};\n  b = ${other.text};\n}\n`;
    name += ` + ${other.name}`;
  }
  // A third of the sessions keep to gentle mutations: the text stays valid Nix more often, so Nix judges their fixes.
  const gentle = rng.chance(0.3);
  const openMutations = rng.chance(0.25) ? 0 : rng.int(1, 3);
  for (let i = 0; i < openMutations; i++) start = applyMutation(start, mutate(start, rng, gentle));
  const steps: Step[] = [{ op: 'open', text: start }];
  let text = new LspText(start);
  const push = (step: Step) => {
    steps.push(step);
    text = textAfter(text, step);
  };

  const actions = rng.int(1, 6);
  for (let a = 0; a < actions; a++) {
    const kind = rng.weighted([['incremental', 5], ['typing', 3], ['full', 1], ['burst', 2], ['request', 1.5], ['closeMidAnalysis', 0.4]] as const);
    if (kind === 'closeMidAnalysis') {
      // Right after the open (its first analysis still waits for the document's settings) or after a change, maybe with a request in flight.
      if (a > 0 || rng.chance(0.5)) push(incrementalChange(text, rng, gentle));
      if (rng.chance(0.5)) push(request(text, rng));
      push({ op: 'close' });
      return { seed, index, source: name, steps };
    }
    if (kind === 'incremental') push(incrementalChange(text, rng, gentle));
    if (kind === 'typing') push(typing(text, rng, gentle));
    if (kind === 'full') push(fullChange(text, rng, gentle));
    if (kind === 'request') push(request(text, rng));
    if (kind === 'burst') {
      for (let n = rng.int(3, 12); n > 0; n--) {
        push(rng.chance(0.85) ? incrementalChange(text, rng, gentle) : fullChange(text, rng, gentle));
        if (rng.chance(0.3)) push(request(text, rng));
      }
    }
    if (rng.chance(0.8)) push({ op: 'settle', probes: probes(text, rng) });
  }
  if (steps[steps.length - 1].op !== 'settle') push({ op: 'settle', probes: probes(text, rng) });
  push({ op: 'close' });
  return { seed, index, source: name, steps };
}

/** 1-4 content changes in one notification, each a mutation of the text the previous one left. */
function incrementalChange(text: LspText, rng: Rng, gentle: boolean): Step {
  const changes: Change[] = [];
  const mutations: string[] = [];
  for (let n = rng.weighted([[1, 4], [2, 2], [3, 1], [4, 1]] as const); n > 0; n--) {
    const m = mutate(text.text, rng, gentle);
    const range = { start: text.positionAt(m.start), end: text.positionAt(m.end) };
    // Now and then a character past the line's end, which the specification says means the line end.
    if (rng.chance(0.05)) range.end = { line: range.end.line, character: text.lineLength(range.end.line) + rng.int(1, 4) };
    changes.push({ range, text: m.newText });
    mutations.push(m.op);
    text = text.change(range, m.newText);
  }
  return { op: 'change', changes, mutations };
}

/** One edit inside a string value, alone in its notification (else an ordinary change). */
function typing(text: LspText, rng: Rng, gentle: boolean): Step {
  const m = typeInString(text.text, rng);
  if (!m) return incrementalChange(text, rng, gentle);
  return { op: 'change', changes: [{ range: { start: text.positionAt(m.start), end: text.positionAt(m.end) }, text: m.newText }], mutations: [m.op] };
}

function fullChange(text: LspText, rng: Rng, gentle: boolean): Step {
  let t = text.text;
  const mutations: string[] = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    const m = mutate(t, rng, gentle);
    t = applyMutation(t, m);
    mutations.push(m.op);
  }
  return { op: 'change', changes: [{ text: t }], mutations: mutations.map((m) => `full:${m}`) };
}

function request(text: LspText, rng: Rng): Step {
  const method = rng.chance(0.5) ? 'textDocument/hover' : 'textDocument/codeAction';
  return { op: 'request', method, position: randomPosition(text, rng), cancel: rng.chance(0.7) };
}

/** A few positions to hover: inside string values (where hovers have something to say) and anywhere. */
function probes(text: LspText, rng: Rng): Position[] {
  const strs = tokens(text.text).filter((t) => t.kind === 'string');
  const out: Position[] = [];
  for (let i = 0; i < 2 && strs.length > 0; i++) {
    const s = rng.pick(strs);
    out.push(text.positionAt(rng.int(s.start, s.end)));
  }
  out.push(randomPosition(text, rng));
  return out;
}

function randomPosition(text: LspText, rng: Rng): Position {
  const p = text.positionAt(rng.int(0, text.text.length));
  // Sometimes past the end of the line or the document: the server must clamp, not throw.
  if (rng.chance(0.05)) return { line: p.line, character: p.character + rng.int(1, 50) };
  if (rng.chance(0.02)) return { line: text.lineCount + rng.int(0, 3), character: rng.int(0, 5) };
  return p;
}
