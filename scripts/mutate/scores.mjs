// Prints the mutation score of each folder of server/src from Stryker JSON
// reports (default: every committed test/mutation/*.incremental.json; several
// runs of parts of a folder add up), and the surviving mutants with their place, for the closing
// notes and for the next round of tests.
//   node scripts/mutate/scores.mjs [report.json ...] [--survivors]
import { readdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const reports = args.filter((a) => !a.startsWith('--'));
const files = Object.assign({}, ...(reports.length > 0 ? reports : committed()).map((f) => JSON.parse(readFileSync(f, 'utf8')).files));
function committed() {
  const dir = new URL('../../test/mutation/', import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.incremental.json')).sort().map((f) => new URL(f, dir));
}
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const folders = new Map();
const survivors = [];
for (const [path, { mutants }] of Object.entries(files)) {
  const folder = path.replace(/^.*server\/src\//, '').split('/')[0];
  const f = folders.get(folder) ?? { detected: 0, undetected: 0, ignored: 0, errors: 0 };
  for (const m of mutants) {
    if (DETECTED.has(m.status)) f.detected++;
    else if (UNDETECTED.has(m.status)) {
      f.undetected++;
      survivors.push(`${path.replace(/^.*server\/src\//, '')}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName}: ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}`);
    } else if (m.status === 'Ignored') f.ignored++;
    else f.errors++;
  }
  folders.set(folder, f);
}
console.log('folder      score   detected  undetected  ignored  errors');
for (const [folder, f] of [...folders].sort()) {
  const score = (100 * f.detected) / Math.max(1, f.detected + f.undetected);
  console.log(`${folder.padEnd(10)} ${score.toFixed(1).padStart(6)}%  ${String(f.detected).padStart(8)}  ${String(f.undetected).padStart(10)}  ${String(f.ignored).padStart(7)}  ${String(f.errors).padStart(6)}`);
}
if (args.includes('--survivors')) for (const s of survivors) console.log(s);
