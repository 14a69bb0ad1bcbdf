/**
 * The part of @vscode/test-web this runner uses: `runServer` (the package
 * types only its CLI entry, out/server/index.d.ts). Shapes as in 0.0.81's
 * out/server/main.js, app.js and workbench.js.
 */
declare module '@vscode/test-web/out/server/main' {
  import type { Server } from 'node:http';

  /** A VS Code web build on disk, as test-web's downloadAndUnzipVSCode returns it. */
  export interface StaticBuild {
    type: 'static';
    location: string;
    quality: 'stable' | 'insider';
    version: string;
  }

  export interface TestWebConfig {
    /** Served at /static/devextensions and loaded as the extension under development. */
    extensionDevelopmentPath?: string;
    /** A file under extensionDevelopmentPath (its path relative to that is served). */
    extensionTestsPath?: string;
    build: StaticBuild;
    /** Mounted as the workspace folder vscode-test-web://mount/. */
    folderMountPath?: string;
    folderUri?: string;
    printServerLog?: boolean;
    extensionPaths?: string[];
    coi?: boolean;
    esm?: boolean;
  }

  /** Starts test-web's HTTP server (koa) on host:port; `port` 0 picks a free one. */
  export function runServer(host: string, port: number, config: TestWebConfig): Promise<Server>;
}
