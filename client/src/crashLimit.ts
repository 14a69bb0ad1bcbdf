/**
 * How many unexpected server exits the client answers with a restart: at
 * most `max` within `windowMs` (as VS Code's default handler, 5 in 3
 * minutes); past that the server stays down until the user restarts it, so
 * a server that dies at every start does not loop. No `vscode` import: the
 * unit tests use it as is.
 */
export class CrashLimit {
  private readonly times: number[] = [];

  constructor(
    readonly max = 5,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when a restart is still allowed for it. */
  allowRestart(): boolean {
    const t = this.now();
    while (this.times.length > 0 && t - this.times[0] > this.windowMs) this.times.shift();
    this.times.push(t);
    return this.times.length <= this.max;
  }

  /** Crashes counted in the current window. */
  get recent(): number {
    return this.times.length;
  }

  /** A restart the user asked for starts a new count. */
  reset(): void {
    this.times.length = 0;
  }
}
