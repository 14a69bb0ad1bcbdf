/**
 * Runs sessions against the server and checks every settled state:
 *  - the server stays alive, answers, and logs no error; no error responses
 *    except RequestCancelled/ContentModified to requests raced with edits;
 *  - the latest version always gets a publish, versions never go backwards,
 *    a closed document gets one empty publish and nothing after it;
 *  - the diagnostics after the edits equal those of a fresh open of the same
 *    text (the incremental paths agree with the full one);
 *  - every diagnostic, related, hover, completion and fix range is inside
 *    the document (line < lineCount, character <= UTF-16 length of the line);
 *  - every fix's edits apply (inside the document, no overlap), change the
 *    text and add no ERROR/MISSING node to its tree-sitter tree (what the
 *    server promises; it also holds where Nix is not installed);
 *  - idempotence: after applying a quick fix, the diagnostic with the same
 *    code at the same spot (its start mapped through the fix's edits) does
 *    not offer a fix with the same title again ("fix all" is left out: it
 *    may leave overlapping problems for a second pass by design);
 *  - when Nix's parser accepts the text, it accepts every fixed text too;
 *  - a diagnostic of an older version is offered no fix.
 */
import { CancellationTokenSource, type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Position, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import type { NixParser } from '../../server/src/parse/nixParser';
import { syntaxProblems } from '../../server/src/rules/fixes';
import { fmt, LspText } from './lspText';
import type { NixOracle } from './nixOracle';
import { ContentModified, RequestCancelled, type ServerUnderTest } from './server';
import { textAfter, type Session, type Step } from './session';

export interface Counts {
  sessions: number;
  states: number;
  notifications: number;
  contentChanges: number;
  racedRequests: number;
  cancelled: number;
  closedMidAnalysis: number;
  diagnostics: number;
  codeActions: number;
  fixedTexts: number;
  idempotenceChecks: number;
  hovers: number;
  staleRequests: number;
  /** Texts nix-instantiate was run on (cache hits not counted). */
  nixJudged: number;
  /** Settled states with fixes whose text Nix accepts, and the fixed texts Nix then had to accept. */
  nixValidStates: number;
  nixValidFixedTexts: number;
}

export const newCounts = (): Counts => ({
  sessions: 0, states: 0, notifications: 0, contentChanges: 0, racedRequests: 0, cancelled: 0, closedMidAnalysis: 0,
  diagnostics: 0, codeActions: 0, fixedTexts: 0, idempotenceChecks: 0, hovers: 0, staleRequests: 0, nixJudged: 0, nixValidStates: 0, nixValidFixedTexts: 0,
});

export interface Problem {
  message: string;
  session: Session;
  /** Index of the step where it showed. */
  step: number;
  /** The client's text there, and any other text the message is about (a fix's output). */
  texts: Record<string, string>;
}

class Failed extends Error {
  constructor(message: string, readonly texts: Record<string, string> = {}) {
    super(message);
  }
}

const FIX_ALL_KIND = 'source.fixAll.microvm-lint';
const isFixAll = (a: CodeAction) => a.kind === FIX_ALL_KIND || a.title.startsWith('Fix all ');

export class Checker {
  private docs = 0;
  /** Documents closed by a session, checked at later settles for publishes after their empty one. */
  private closed: { uri: string; session?: Session; step: number; settlesLeft: number }[] = [];

  constructor(
    private readonly server: ServerUnderTest,
    private readonly parser: NixParser,
    readonly nix: NixOracle | undefined,
    readonly counts: Counts,
  ) {}

  /** Runs one session; the problems found (at most one of its own, plus late ones of earlier sessions). */
  async run(session: Session): Promise<Problem[]> {
    const uri = `file:///fuzz/${session.seed}-${session.index}.nix`;
    this.counts.sessions++;
    const problems: Problem[] = [];
    let text = new LspText('');
    let version = 0;
    let open = false;
    const raced: Promise<void>[] = [];
    let at = 0;
    let earlier: Diagnostic[] = [];
    try {
      for (const [i, step] of session.steps.entries()) {
        at = i;
        await this.send(uri, step, version + (step.op === 'change' ? 1 : 0), raced);
        if (step.op === 'open') (version = 1), (open = true);
        if (step.op === 'change') version++;
        text = textAfter(text, step);
        if (step.op === 'settle') {
          await allAnswered(raced);
          problems.push(...this.lateProblems());
          earlier = await this.settle(uri, text, version, step.probes, earlier);
        }
        if (step.op === 'close') {
          if (session.steps[i - 1]?.op !== 'settle') this.counts.closedMidAnalysis++;
          open = false;
          this.closed.push({ uri, session, step: i, settlesLeft: 3 });
        }
      }
      await allAnswered(raced);
    } catch (e) {
      const f = e instanceof Failed ? e : new Failed(e instanceof Error ? (e.stack ?? e.message) : String(e));
      problems.push({ message: f.message, session, step: at, texts: { text: text.text, ...f.texts } });
      await Promise.allSettled(raced);
      this.server.errorLogs.splice(0); // they belong to this failure, not to the next session
      if (open && this.server.alive) await this.server.client.close(uri).catch(() => {}); // a dead server is reported by the lane
    }
    return problems;
  }

  private async send(uri: string, step: Step, version: number, raced: Promise<void>[]): Promise<void> {
    const c = this.server.client;
    if (step.op === 'open') await c.open(uri, step.text, 1);
    if (step.op === 'close') await c.close(uri);
    if (step.op === 'change') {
      this.counts.notifications++;
      this.counts.contentChanges += step.changes.length;
      await c.change(uri, version, step.changes);
    }
    if (step.op === 'request') {
      this.counts.racedRequests++;
      const source = new CancellationTokenSource();
      const params =
        step.method === 'textDocument/hover'
          ? { textDocument: { uri }, position: step.position }
          : { textDocument: { uri }, range: { start: step.position, end: step.position }, context: { diagnostics: [] } };
      const answer = this.server.request(step.method, params, source.token);
      if (step.cancel) source.cancel(), this.counts.cancelled++;
      raced.push(
        answer.then(
          () => undefined,
          (e: { code?: number; message?: string }) => {
            if (e.code === RequestCancelled || e.code === ContentModified) return;
            throw new Failed(`${step.method} sent during edits${step.cancel ? ' and cancelled' : ''} got an error: ${e.code ?? ''} ${e.message ?? String(e)}`);
          },
        ),
      );
    }
  }

  /** Everything checked about one settled state of `uri` at `version`. */
  /** Checks one settled state; returns its diagnostics (the next state asks for fixes with them, which must be refused as stale). */
  private async settle(uri: string, text: LspText, version: number, probes: Position[], earlier: Diagnostic[]): Promise<Diagnostic[]> {
    const published = await this.server.published(uri, version);
    this.counts.states++;
    const diagnostics = published.diagnostics;
    this.counts.diagnostics += diagnostics.length;
    this.checkDiagnostics(text, diagnostics, 'publish');
    this.checkVersionOrder(uri);

    const fresh = await this.openAndWait(text.text, async (d) => d);
    if (JSON.stringify(diagnostics.map(comparable)) !== JSON.stringify(fresh.map(comparable))) {
      throw new Failed('the diagnostics after the edits differ from those of a fresh open of the same text', {
        'after-edits.json': JSON.stringify(diagnostics.map(comparable), null, 1),
        'fresh-open.json': JSON.stringify(fresh.map(comparable), null, 1),
      });
    }

    const fixes: { action: CodeAction; diagnostic?: Diagnostic; edits: TextEdit[]; fixed: string }[] = [];
    let syntaxBefore: number | undefined;
    const collect = (actions: CodeAction[] | null, diagnostic?: Diagnostic) => {
      for (const action of actions ?? []) {
        const what = `code action "${action.title}"${diagnostic ? ` for ${diagnostic.code} at ${fmt(diagnostic.range)}` : ''}`;
        const edits = editsOf(action, uri, what);
        const applied = text.applyEdits(edits);
        if ('problem' in applied) throw new Failed(`${what}: ${applied.problem}`, { 'edits.json': JSON.stringify(edits, null, 1) });
        if (applied.text === text.text) throw new Failed(`${what} changes nothing`);
        syntaxBefore ??= syntaxProblems(this.parser, text.text);
        const syntaxAfter = syntaxProblems(this.parser, applied.text);
        if (syntaxAfter > syntaxBefore) throw new Failed(`${what} adds syntax errors (${syntaxBefore} ERROR/MISSING nodes before, ${syntaxAfter} after)`, { 'fixed.nix': applied.text });
        fixes.push({ action, diagnostic, edits, fixed: applied.text });
      }
    };
    for (const d of diagnostics) {
      collect(await this.server.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }), d);
    }
    const whole: Range = { start: { line: 0, character: 0 }, end: text.positionAt(text.text.length) };
    collect(await this.server.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics, only: [FIX_ALL_KIND] } }));
    this.counts.codeActions += fixes.length;

    for (const position of [...probes, ...diagnostics.slice(0, 3).map((d) => d.range.start)]) {
      this.counts.hovers++;
      const h = await this.server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      const bad = h?.range && text.rangeProblem(h.range);
      if (bad) throw new Failed(`hover at ${position.line}:${position.character}: range ${bad}`);
    }
    const items = await this.server.request<CompletionItem[] | { items: CompletionItem[] } | null>('textDocument/completion', { textDocument: { uri }, position: probes[0] });
    for (const item of Array.isArray(items) ? items : (items?.items ?? [])) {
      const e = item.textEdit;
      const ranges = !e ? [] : 'range' in e ? [e.range] : [e.insert, e.replace];
      for (const r of ranges) {
        const bad = text.rangeProblem(r);
        if (bad) throw new Failed(`completion "${item.label}" at ${probes[0].line}:${probes[0].character}: range ${bad}`);
      }
    }

    const byText = new Map<string, typeof fixes>();
    for (const f of fixes) byText.set(f.fixed, [...(byText.get(f.fixed) ?? []), f]);
    for (const [fixed, fs] of byText) {
      this.counts.fixedTexts++;
      await this.openAndWait(fixed, async (after, fixedUri) => {
        const afterText = new LspText(fixed);
        this.checkDiagnostics(afterText, after, `publish after "${fs[0].action.title}"`, { 'fixed.nix': fixed });
        for (const f of fs) {
          if (!f.diagnostic || isFixAll(f.action)) continue;
          this.counts.idempotenceChecks++;
          const spots = mappedSpots(text.offsetAt(f.diagnostic.range.start), f.edits.map((e) => ({ start: text.offsetAt(e.range.start), end: text.offsetAt(e.range.end), len: e.newText.length })));
          for (const d of after.filter((x) => x.code === f.diagnostic!.code && spots.has(afterText.offsetAt(x.range.start)))) {
            const again = await this.server.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri: fixedUri }, range: d.range, context: { diagnostics: [d] } });
            if (again?.some((a) => a.title === f.action.title)) {
              throw new Failed(`applying "${f.action.title}" for ${d.code} at ${fmt(f.diagnostic.range)} leaves ${d.code} at ${fmt(d.range)} offering the same fix again`, { 'fixed.nix': fixed });
            }
          }
        }
      });
    }

    if (this.nix && fixes.length > 0) {
      const before = this.nix.checks;
      const [accepted] = this.nix.accepts([text.text]);
      // Texts Nix already rejects prove nothing: their fixed texts are not asked about.
      const fixedAccepted = accepted ? this.nix.accepts([...byText.keys()]) : [];
      this.counts.nixJudged += this.nix.checks - before;
      if (accepted) (this.counts.nixValidStates++, (this.counts.nixValidFixedTexts += byText.size));
      if (accepted) {
        const i = fixedAccepted.indexOf(false);
        if (i >= 0) {
          const [fixed, fs] = [...byText][i];
          throw new Failed(`nix-instantiate --parse accepts the text but rejects it after "${fs[0].action.title}"`, { 'fixed.nix': fixed });
        }
      }
    }

    // A diagnostic of an older version gets no fix: its edits would be for a text that is gone.
    const stale = earlier.filter((d) => (d.data as { version?: number } | undefined)?.version !== version).slice(0, 2);
    for (const d of stale) {
      this.counts.staleRequests++;
      const actions = await this.server.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      if ((actions ?? []).length > 0) throw new Failed(`a diagnostic of an older version (${d.code} at ${fmt(d.range)}) was offered ${actions!.map((a) => `"${a.title}"`).join(', ')}`);
    }

    if (this.server.errorLogs.length > 0) throw new Failed(`the server logged an error: ${this.server.errorLogs.splice(0).join('\n')}`);
    return diagnostics;
  }

  /** Opens `text` as a new document, waits for its diagnostics, runs `fn`, closes it. */
  private async openAndWait<T>(text: string, fn: (diagnostics: Diagnostic[], uri: string) => Promise<T>): Promise<T> {
    const uri = `file:///fuzz/check-${this.docs++}.nix`;
    await this.server.client.open(uri, text, 1);
    try {
      return await fn((await this.server.published(uri, 1)).diagnostics, uri);
    } finally {
      if (this.server.alive) await this.server.client.close(uri);
      this.closed.push({ uri, step: -1, settlesLeft: 3 });
    }
  }

  private checkDiagnostics(text: LspText, diagnostics: Diagnostic[], where: string, texts: Record<string, string> = {}): void {
    for (const d of diagnostics) {
      const bad = text.rangeProblem(d.range) ?? d.relatedInformation?.map((r) => text.rangeProblem(r.location.range)).find(Boolean);
      if (bad) throw new Failed(`${where}: ${d.code} "${d.message}" has range ${bad}`, texts);
    }
  }

  /** Versions published for a document never go backwards. */
  private checkVersionOrder(uri: string): void {
    const versions = (this.server.publishes.get(uri) ?? []).map((p) => p.version).filter((v) => v !== undefined);
    for (let i = 1; i < versions.length; i++) {
      if (versions[i] < versions[i - 1]) throw new Failed(`publishes for the document went back from version ${versions[i - 1]} to ${versions[i]}: ${versions.join(', ')}`);
    }
  }

  /**
   * Closed documents: exactly one empty publish without a version, and
   * nothing after it (checked over the next few settles, as any late publish
   * would have come by then; the server's debounce is far shorter).
   */
  lateProblems(): Problem[] {
    const out: Problem[] = [];
    for (const c of this.closed) {
      const ps = this.server.publishes.get(c.uri) ?? [];
      const i = ps.findIndex((p) => p.version === undefined);
      const bad =
        i >= 0 && ps[i].diagnostics.length > 0 ? 'the publish on close is not empty'
        : i >= 0 && i < ps.length - 1 ? `a publish (version ${ps[i + 1].version}) came after the close`
        : i < 0 && c.settlesLeft === 1 ? 'no empty publish came after the close'
        : undefined;
      c.settlesLeft--;
      if (bad && c.session) out.push({ message: `${c.uri}: ${bad}`, session: c.session, step: c.step, texts: {} });
      else if (bad) out.push({ message: `check document ${c.uri}: ${bad}`, session: { seed: 0, index: -1, source: 'check document', steps: [] }, step: -1, texts: {} });
      if (bad || c.settlesLeft === 0) this.server.publishes.delete(c.uri);
    }
    this.closed = this.closed.filter((c) => c.settlesLeft > 0 && this.server.publishes.has(c.uri));
    return out;
  }
}

/** Waits for every raced request (none left behind to reject unheard), then fails with the first failure. */
async function allAnswered(raced: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(raced.splice(0))).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function editsOf(action: CodeAction, uri: string, what: string): TextEdit[] {
  if (action.command) throw new Failed(`${what} carries a command; only edits are expected`);
  const changes = action.edit?.changes;
  if (!changes || action.edit?.documentChanges) throw new Failed(`${what} has no edit.changes`);
  const others = Object.keys(changes).filter((u) => u !== uri);
  if (others.length > 0) throw new Failed(`${what} edits other documents: ${others.join(', ')}`);
  return changes[uri] ?? [];
}

/** What a user sees of a diagnostic (not `data`, which carries the version, nor the related document's uri). */
function comparable(d: Diagnostic) {
  return {
    range: fmt(d.range),
    severity: d.severity,
    code: d.code,
    message: d.message,
    tags: d.tags,
    related: d.relatedInformation?.map((r) => `${fmt(r.location.range)} ${r.message}`),
  };
}

/**
 * Where an offset is after edits: edits before it shift it; an insertion at
 * it or an edit around it gives two candidates (before and after the new text).
 */
export function mappedSpots(offset: number, edits: { start: number; end: number; len: number }[]): Set<number> {
  let low = offset;
  let high = offset;
  for (const e of edits) {
    const delta = e.len - (e.end - e.start);
    if (e.end < offset || (e.end === offset && e.start < offset)) (low += delta), (high += delta);
    else if (e.start === offset && e.end === offset) high += delta;
    else if (e.start < offset && offset < e.end) (low += e.start - offset), (high += e.start - offset + e.len);
  }
  return new Set([low, high]);
}
