/**
 * One progress line on stderr, only on a terminal and only once the run has
 * taken more than a second: quick runs and CI logs stay clean.
 */
export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private lastDraw = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(text: string): void {
    if (!this.out.isTTY) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    this.out.write(`\r\x1b[2Kmicrovm-lint: ${text}`);
  }

  /** Clears the line, so the results start on a clean one. */
  done(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
  }
}
