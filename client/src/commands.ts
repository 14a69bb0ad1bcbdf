/** The extension's commands, one table (package.json `contributes.commands` lists the same ids; a test compares). */
import type { ClientController } from './controller';

export const COMMANDS: Readonly<Record<string, (c: ClientController) => unknown>> = {
  'microvmLint.restartServer': (c) => c.restart(),
  'microvmLint.showOutput': (c) => c.output.show(true),
};

/**
 * Hidden commands for the vscode-API suite (not in package.json, so not in the
 * palette), registered only in test mode: end the server as a crash would, and
 * read what the user would see.
 */
export const TEST_COMMANDS: Readonly<Record<string, (c: ClientController) => unknown>> = {
  'microvmLint.test.killServer': (c) => c.killServer(),
  'microvmLint.test.snapshot': (c) => c.snapshot(),
};
