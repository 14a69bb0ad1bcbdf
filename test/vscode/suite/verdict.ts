/** What a vscode-API suite run must look like to pass, shared by the suite entries and the outer runners. */

export interface SuiteResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  duration?: number;
  error?: string;
}

/** Why the run does not pass (failures, skipped tests, or no test at all), or undefined when it does. */
export function verdict(failures: number, results: readonly Pick<SuiteResult, 'title' | 'state'>[]): string | undefined {
  const pending = results.filter((r) => r.state === 'pending');
  const problems = [
    ...(failures > 0 ? [`${failures} vscode-API test(s) failed`] : []),
    ...(pending.length > 0 ? [`${pending.length} vscode-API test(s) skipped: ${pending.map((r) => r.title).join('; ')}`] : []),
    ...(results.length === 0 ? ['the vscode-API suite ran no test'] : []),
  ];
  return problems.length > 0 ? problems.join('; ') : undefined;
}
