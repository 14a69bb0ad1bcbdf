/**
 * Case table for the macvtap rules: `valid` snippets produce nothing; each
 * `invalid` case lists every finding with its exact range and every fix with
 * the exact document it produces. Run by test/unit/rule-cases.test.ts.
 */
import type { CaseTable, ExpectedFix } from '../../../test/support/cases';

const MODES = ['vepa', 'bridge', 'private', 'passthru', 'source'];

/** The five "Set macvtap.mode" fixes; `template` is the fixed document with MODE where the mode goes. */
export function modeFixes(template: string, preferred = 'vepa'): ExpectedFix[] {
  return [preferred, ...MODES.filter((m) => m !== preferred)].map((mode) => ({
    title: `Set macvtap.mode = "${mode}"`,
    output: template.replaceAll('MODE', mode),
    preferred: mode === preferred,
  }));
}

export const cases: CaseTable = {
  valid: [
    {
      name: 'dotted mode and link',
      code: '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = "bridge"; } ]; }\n',
    },
  ],
  invalid: [
    {
      name: 'multi-line guest module, dotted link',
      code: [
        '{',
        '  microvm.interfaces = [{',
        '    type = "macvtap";',
        '    id = "vm-a";',
        '    mac = "02:00:00:00:00:01";',
        '    macvtap.link = "eth0";',
        '  }];',
        '}',
        '',
      ].join('\n'),
      findings: [
        {
          code: 'macvtap-mode-missing',
          messageId: 'missing',
          range: '2:4-2:21',
          fixes: modeFixes(
            [
              '{',
              '  microvm.interfaces = [{',
              '    type = "macvtap";',
              '    id = "vm-a";',
              '    mac = "02:00:00:00:00:01";',
              '    macvtap.link = "eth0";',
              '    macvtap.mode = "MODE";',
              '  }];',
              '}',
              '',
            ].join('\n'),
          ),
        },
      ],
      fixAll: [
        '{',
        '  microvm.interfaces = [{',
        '    type = "macvtap";',
        '    id = "vm-a";',
        '    mac = "02:00:00:00:00:01";',
        '    macvtap.link = "eth0";',
        '    macvtap.mode = "vepa";',
        '  }];',
        '}',
        '',
      ].join('\n'),
    },
  ],
};
