/** dist/server.js: the bundled server the VS Code client starts (IPC), also usable as `node dist/server.js --stdio`. */
import { runNodeServer } from './serverMain';

runNodeServer();
