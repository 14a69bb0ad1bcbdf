/**
 * Findings -> diagnostics, pushed or pulled. Pushes are debounced per
 * document; each publish carries the version it was computed for, the
 * latest version always gets one, an older one is never sent after a newer
 * one, and a closed document gets one empty publish and nothing later.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../rules/analyze';
import { toDiagnostic } from './convert';
import { isStale } from './requestGuard';

export function toDiagnostics(uri: string, analysis: Analysis, version: number): Diagnostic[] {
  return analysis.findings.map((f) => toDiagnostic(uri, analysis.lines, f, version));
}

export interface PushTarget {
  /** The current version of an open document, or undefined once it is closed. */
  versionOf(uri: string): number | undefined;
  /** Computes the diagnostics of the current version (may wait for settings). */
  compute(uri: string): Promise<Diagnostic[]>;
  send(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** A publish that threw: reported, never left as an unhandled rejection (which would end the process). */
  failed(uri: string, error: unknown): void;
}

export class DiagnosticsPusher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly target: PushTarget,
    private readonly delayMs = 40,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => this.publish(uri).catch((e: unknown) => this.target.failed(uri, e)), delayMs));
  }

  /** Sends the diagnostics of the current version unless a newer version or a close came first. */
  async publish(uri: string): Promise<void> {
    this.timers.delete(uri);
    const version = this.target.versionOf(uri);
    if (version === undefined) return;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = await this.target.compute(uri);
    } catch (e) {
      if (isStale(e)) return; // the document changed while it waited: that version has its own publish
      throw e;
    }
    if (this.target.versionOf(uri) !== version) return; // a newer version has its own publish scheduled
    this.target.send(uri, version, diagnostics);
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.target.send(uri, undefined, []);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
