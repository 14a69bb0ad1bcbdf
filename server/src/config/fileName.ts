/** The configuration file's name: its own module, so the client imports this and not the rules. */
export const CONFIG_FILE_NAME = 'microvm-lint.json';
