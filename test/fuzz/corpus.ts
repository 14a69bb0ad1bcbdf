/** The texts mutations start from: the example files and every snippet and fix output in the rules' case tables. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_TABLES } from '../support/allCases';

export interface Seed {
  name: string;
  text: string;
  /** Examples and invalid cases have findings (and fixes) before any mutation: picked more often. */
  hasFindings: boolean;
}

export function loadCorpus(root: string): Seed[] {
  const seen = new Set<string>();
  const out: Seed[] = [];
  const add = (name: string, text: string, hasFindings = false) => {
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ name, text, hasFindings });
  };
  const examples = join(root, 'examples');
  for (const f of readdirSync(examples).filter((n) => n.endsWith('.nix')).sort()) add(`examples/${f}`, readFileSync(join(examples, f), 'utf8'), f !== 'fixed.nix');
  for (const [family, table] of Object.entries(CASE_TABLES)) {
    for (const c of table.valid) add(`${family}.cases valid: ${c.name}`, c.code);
    for (const c of table.invalid) {
      add(`${family}.cases invalid: ${c.name}`, c.code, true);
      for (const f of c.findings) for (const fix of f.fixes) add(`${family}.cases fix: ${c.name} / ${fix.title}`, fix.output);
    }
  }
  return out;
}
