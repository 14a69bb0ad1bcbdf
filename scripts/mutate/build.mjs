// The build of a mutation run's sandbox (stryker.config.mjs's buildCommand).
// The sandbox sits in .stryker-tmp/, which our .gitignore lists, so the CLI
// would skip every file in it as ignored by the enclosing repository. An empty
// .git makes the sandbox a repository root of its own, as a clone is (the
// CLI's walk reads .gitignore files up to the nearest .git).
import { mkdirSync } from 'node:fs';
mkdirSync('.git', { recursive: true });
await import('../build.mjs');
