/**
 * A failing input saved for a human and for replay: the session (seed,
 * steps: the open text and every change), the message, and the texts it is
 * about as separate files, under test-output/fuzz/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './checker';

export function saveFailure(root: string, p: Problem): string {
  const dir = join(root, 'test-output', 'fuzz', `seed-${p.session.seed}-session-${p.session.index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'failure.json'), JSON.stringify({ message: p.message, step: p.step, ...p.session }, null, 1) + '\n');
  for (const [name, text] of Object.entries(p.texts)) writeFileSync(join(dir, name === 'text' ? 'text.nix' : name), text);
  return dir;
}
