/** The extension's commands, one table (package.json `contributes.commands` lists the same ids; a test compares). */
import type { ClientController } from './controller';

export const COMMANDS: Readonly<Record<string, (c: ClientController) => unknown>> = {
  'microvmLint.restartServer': (c) => c.restart(),
  'microvmLint.showOutput': (c) => c.output.show(true),
};
