/** Node host: `microvm-lint.json` read from the disk, in the document's folder or the nearest one above it. */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAME } from '../config/configFile';
import type { ConfigFinder } from '../features/projectConfig';
import { isNotFound } from '../fs/errors';

export const findConfigOnDisk: ConfigFinder = async (documentUri) => {
  if (!documentUri.startsWith('file:')) return undefined; // an unsaved or virtual document: no folder to look in
  for (let dir = dirname(fileURLToPath(documentUri)); ; dir = dirname(dir)) {
    const path = join(dir, CONFIG_FILE_NAME);
    try {
      return { uri: pathToFileURL(path).href, text: await readFile(path, 'utf8') };
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (dirname(dir) === dir) return undefined;
  }
};
