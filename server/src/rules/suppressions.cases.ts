/**
 * Case table for suppression comments. The runner turns other families'
 * rules off unless a case turns them on, so each case names the rules it
 * suppresses in `options.severities`.
 */
import type { CaseTable, ExpectedFinding } from './caseTable';

const doc = (...lines: string[]) => lines.map((l) => l + '\n').join('');
const ON = { severities: { 'macvtap-link-missing': 'error', 'macvtap-mode-missing': 'error', 'mac-invalid': 'error', 'guest-mac-override': 'warning' } } as const;

/** A macvtap interface with a mode but no link: one macvtap-link-missing on line 3 (no fix of its own). */
const noLink = (...before: string[]) =>
  doc(
    ...before,
    '{',
    '  microvm.interfaces = [ {',
    '    type = "macvtap";',
    '    id = "vm-a";',
    '    mac = "02:00:00:00:00:01";',
    '    macvtap.mode = "bridge";',
    '  } ];',
    '}',
  );

/** What macvtap-link-missing says about noLink's interface. */
const NO_LINK =
  'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), ' +
  'and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.';

const linkMissingAt = (line: number, ignore?: ExpectedFinding['ignore']): ExpectedFinding => ({
  code: 'macvtap-link-missing',
  messageId: 'missing',
  range: `${line}:4-${line}:21`,
  message: NO_LINK,
  fixes: [],
  ...(ignore ? { ignore } : {}),
});

export const cases: CaseTable = {
  valid: [
    {
      name: 'disable-next-line hides the finding below it',
      options: ON,
      code: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing\n    type = "macvtap";'),
    },
    {
      name: 'disable hides the code in the whole file',
      options: ON,
      code: noLink('# microvm-lint: disable macvtap-link-missing'),
    },
    {
      name: 'block comment directive',
      options: ON,
      code: noLink().replace('    type = "macvtap";', '    /* microvm-lint: disable-next-line macvtap-link-missing */\n    type = "macvtap";'),
    },
    {
      name: 'two codes, both used, and a reason after --',
      options: ON,
      code: doc(
        '{',
        '  microvm.interfaces = [ {',
        '    # microvm-lint: disable-next-line macvtap-link-missing, macvtap-mode-missing -- link and mode come from a module',
        '    type = "macvtap";',
        '    id = "vm-a";',
        '  } ];',
        '}',
      ),
    },
    {
      name: 'directive spelt with wide and no spaces, with tabs',
      options: ON,
      code: noLink().replace('    type = "macvtap";', '    #   microvm-lint:disable-next-line\tmacvtap-link-missing\n    type = "macvtap";'),
    },
    {
      name: 'directive after tabs in a block comment',
      options: ON,
      code: noLink().replace('    type = "macvtap";', '    /*\t\tmicrovm-lint:  disable-next-line macvtap-link-missing */\n    type = "macvtap";'),
    },
    {
      name: 'directive without codes hides every finding on the next line',
      options: ON,
      code: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line\n    type = "macvtap";'),
    },
    {
      name: 'directive-like text in a string or mid-comment is not a directive',
      options: ON,
      code: doc(
        '{',
        '  description = "# microvm-lint: disable foo";',
        '  # see the docs: microvm-lint: disable bar',
        '}',
      ),
    },
    {
      name: 'suppressing a rule that is switched off is not reported as unused',
      options: { severities: { 'macvtap-link-missing': 'off' } },
      code: noLink('# microvm-lint: disable macvtap-link-missing'),
    },
  ],
  invalid: [
    {
      name: 'unknown code with a suggestion (the finding stays)',
      options: ON,
      code: noLink('# microvm-lint: disable macvtap-link-mising'),
      findings: [
        {
          code: 'suppression-unknown-code',
          messageId: 'unknownWithSuggestion',
          range: '0:24-0:43', message: '"macvtap-link-mising" is not a MicroVM Lint rule, so this comment suppresses nothing. Did you mean "macvtap-link-missing"?',
          fixes: [{ title: 'Change to macvtap-link-missing', output: noLink('# microvm-lint: disable macvtap-link-missing'), preferred: true }],
        },
        linkMissingAt(3),
      ],
      fixAll: noLink('# microvm-lint: disable macvtap-link-missing'),
    },
    {
      name: 'unknown code without a suggestion',
      options: ON,
      code: doc('# microvm-lint: disable no-such-rule', '{ }'),
      findings: [{ code: 'suppression-unknown-code', messageId: 'unknown', range: '0:24-0:36', message: '"no-such-rule" is not a MicroVM Lint rule, so this comment suppresses nothing. `microvm-lint explain` lists the codes.', fixes: [] }],
    },
    {
      name: 'unused disable-next-line',
      options: ON,
      code: doc('{', '  # microvm-lint: disable-next-line macvtap-mode-missing', '  networking.hostName = "vm";', '}'),
      findings: [
        {
          code: 'suppression-unused',
          messageId: 'unused',
          range: '1:36-1:56', message: 'Nothing here is reported as macvtap-mode-missing any more: remove this suppression so it cannot hide a future problem.',
          fixes: [{ title: 'Remove this suppression comment', output: doc('{', '  networking.hostName = "vm";', '}'), preferred: true }],
        },
      ],
      fixAll: doc('{', '  networking.hostName = "vm";', '}'),
    },
    {
      name: 'one unused code among two',
      options: ON,
      code: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line mac-invalid, macvtap-link-missing\n    type = "macvtap";'),
      findings: [
        {
          code: 'suppression-unused',
          messageId: 'unused',
          range: '2:38-2:49', message: 'Nothing here is reported as mac-invalid any more: remove this suppression so it cannot hide a future problem.',
          fixes: [
            {
              title: 'Remove mac-invalid from this suppression comment',
              output: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing\n    type = "macvtap";'),
              preferred: true,
            },
          ],
        },
      ],
      fixAll: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing\n    type = "macvtap";'),
    },
    {
      name: 'one unused code among three, in the middle: its comma goes with it',
      options: ON,
      code: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing, mac-invalid, macvtap-mode-missing -- being reworked\n    type = "macvtap";'),
      findings: [
        {
          code: 'suppression-unused',
          messageId: 'unused',
          range: '2:60-2:71', message: 'Nothing here is reported as mac-invalid any more: remove this suppression so it cannot hide a future problem.',
          fixes: [
            {
              title: 'Remove mac-invalid from this suppression comment',
              output: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing, macvtap-mode-missing -- being reworked\n    type = "macvtap";'),
              preferred: true,
            },
          ],
        },
        {
          code: 'suppression-unused',
          messageId: 'unused',
          range: '2:73-2:93', message: 'Nothing here is reported as macvtap-mode-missing any more: remove this suppression so it cannot hide a future problem.',
          fixes: [
            {
              title: 'Remove macvtap-mode-missing from this suppression comment',
              output: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing, mac-invalid -- being reworked\n    type = "macvtap";'),
              preferred: true,
            },
          ],
        },
      ],
      fixAll: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing -- being reworked\n    type = "macvtap";'),
    },
    {
      name: 'an unused directive on the last line, with no final newline',
      code: '{ x = 1; }\n# microvm-lint: disable',
      findings: [
        {
          code: 'suppression-unused',
          messageId: 'unusedAll',
          range: '1:0-1:23', message: 'This suppression comment hides nothing: remove it so it cannot hide a future problem.',
          fixes: [{ title: 'Remove this suppression comment', output: '{ x = 1; }\n', preferred: true }],
        },
      ],
      fixAll: '{ x = 1; }\n',
    },
    {
      name: 'directive without codes that hides nothing',
      options: ON,
      code: doc('{ x = 1; /* microvm-lint: disable-next-line */', '}'),
      findings: [
        {
          code: 'suppression-unused',
          messageId: 'unusedAll',
          range: '0:9-0:46', message: 'This suppression comment hides nothing: remove it so it cannot hide a future problem.',
          fixes: [{ title: 'Remove this suppression comment', output: doc('{ x = 1; ', '}'), preferred: true }],
        },
      ],
      fixAll: doc('{ x = 1; ', '}'),
    },
    {
      name: 'ignore fixes: a comment above with the line\'s indentation, or at the top of the file',
      options: ON,
      code: noLink(),
      findings: [
        linkMissingAt(2, [
          { title: 'Ignore macvtap-link-missing on this line', output: noLink().replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-link-missing\n    type = "macvtap";') },
          { title: 'Ignore macvtap-link-missing in this file', output: noLink('# microvm-lint: disable macvtap-link-missing') },
        ]),
      ],
    },
    {
      name: 'ignore fixes append to the directives already there (CRLF kept)',
      options: ON,
      code: noLink('# microvm-lint: disable mac-invalid').replace('    type = "macvtap";', '\t# microvm-lint: disable-next-line macvtap-mode-missing\n\ttype = "macvtap";').replaceAll('\n', '\r\n'),
      findings: [
        {
          code: 'suppression-unused',
          messageId: 'unused',
          range: '0:24-0:35', message: 'Nothing here is reported as mac-invalid any more: remove this suppression so it cannot hide a future problem.',
          fixes: [
            {
              title: 'Remove this suppression comment',
              output: noLink().replace('    type = "macvtap";', '\t# microvm-lint: disable-next-line macvtap-mode-missing\n\ttype = "macvtap";').replaceAll('\n', '\r\n'),
              preferred: true,
            },
          ],
        },
        {
          code: 'suppression-unused',
          messageId: 'unused',
          range: '3:35-3:55', message: 'Nothing here is reported as macvtap-mode-missing any more: remove this suppression so it cannot hide a future problem.',
          fixes: [
            {
              title: 'Remove this suppression comment',
              output: noLink('# microvm-lint: disable mac-invalid').replace('    type = "macvtap";', '\ttype = "macvtap";').replaceAll('\n', '\r\n'),
              preferred: true,
            },
          ],
        },
        {
          ...linkMissingAt(4),
          range: '4:1-4:18', message: 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.',
          ignore: [
            {
              title: 'Ignore macvtap-link-missing on this line',
              output: noLink('# microvm-lint: disable mac-invalid')
                .replace('    type = "macvtap";', '\t# microvm-lint: disable-next-line macvtap-mode-missing, macvtap-link-missing\n\ttype = "macvtap";')
                .replaceAll('\n', '\r\n'),
            },
            {
              title: 'Ignore macvtap-link-missing in this file',
              output: noLink('# microvm-lint: disable mac-invalid, macvtap-link-missing')
                .replace('    type = "macvtap";', '\t# microvm-lint: disable-next-line macvtap-mode-missing\n\ttype = "macvtap";')
                .replaceAll('\n', '\r\n'),
            },
          ],
        },
      ],
      fixAll: noLink().replace('    type = "macvtap";', '\ttype = "macvtap";').replaceAll('\n', '\r\n'),
    },
    {
      name: 'a disable-next-line hides only its own line; ignore fixes leave it alone and append to the file-wide directive at the end',
      options: ON,
      code: doc(
        '{',
        '  # microvm-lint: disable-next-line macvtap-link-missing',
        '  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02-00-00-00-00-01"; macvtap.mode = "bridge"; } ];',
        '  microvm.vms.b.config.microvm.interfaces = [ { type = "macvtap"; id = "vm-b"; mac = "02:00:00:00:00:02"; macvtap.mode = "bridge"; } ];',
        '}',
        '# microvm-lint: disable mac-invalid',
      ),
      findings: [
        {
          ...linkMissingAt(3),
          range: '3:48-3:65',
          message: NO_LINK.replace('"vm-a"', '"vm-b"'),
          ignore: [
            {
              title: 'Ignore macvtap-link-missing on this line',
              output: doc(
                '{',
                '  # microvm-lint: disable-next-line macvtap-link-missing',
                '  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02-00-00-00-00-01"; macvtap.mode = "bridge"; } ];',
                '  # microvm-lint: disable-next-line macvtap-link-missing',
                '  microvm.vms.b.config.microvm.interfaces = [ { type = "macvtap"; id = "vm-b"; mac = "02:00:00:00:00:02"; macvtap.mode = "bridge"; } ];',
                '}',
                '# microvm-lint: disable mac-invalid',
              ),
            },
            {
              title: 'Ignore macvtap-link-missing in this file',
              output: doc(
                '{',
                '  # microvm-lint: disable-next-line macvtap-link-missing',
                '  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02-00-00-00-00-01"; macvtap.mode = "bridge"; } ];',
                '  microvm.vms.b.config.microvm.interfaces = [ { type = "macvtap"; id = "vm-b"; mac = "02:00:00:00:00:02"; macvtap.mode = "bridge"; } ];',
                '}',
                '# microvm-lint: disable mac-invalid, macvtap-link-missing',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a finding just below a file-wide directive: "on this line" writes its own comment',
      options: ON,
      code: doc('# microvm-lint: disable mac-invalid', '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02-00-00-00-00-01"; macvtap.mode = "bridge"; } ]; }'),
      findings: [
        {
          ...linkMissingAt(1),
          range: '1:27-1:44',
          ignore: [
            {
              title: 'Ignore macvtap-link-missing on this line',
              output: doc(
                '# microvm-lint: disable mac-invalid',
                '# microvm-lint: disable-next-line macvtap-link-missing',
                '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02-00-00-00-00-01"; macvtap.mode = "bridge"; } ]; }',
              ),
            },
            {
              title: 'Ignore macvtap-link-missing in this file',
              output: doc('# microvm-lint: disable mac-invalid, macvtap-link-missing', '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02-00-00-00-00-01"; macvtap.mode = "bridge"; } ]; }'),
            },
          ],
        },
      ],
    },
    {
      name: 'a code typo under a bare file-wide disable is still reported (a directive cannot hide warnings about directives)',
      code: doc('# microvm-lint: disable', '# microvm-lint: disable-next-line mac-dupe', '{ x = 1; }'),
      findings: [
        {
          code: 'suppression-unused',
          messageId: 'unusedAll',
          range: '0:0-0:23', message: 'This suppression comment hides nothing: remove it so it cannot hide a future problem.',
          fixes: [{ title: 'Remove this suppression comment', output: doc('# microvm-lint: disable-next-line mac-dupe', '{ x = 1; }'), preferred: true }],
        },
        { code: 'suppression-unknown-code', messageId: 'unknown', range: '1:34-1:42', message: '"mac-dupe" is not a MicroVM Lint rule, so this comment suppresses nothing. `microvm-lint explain` lists the codes.', fixes: [] },
      ],
      fixAll: doc('# microvm-lint: disable-next-line mac-dupe', '{ x = 1; }'),
    },
    {
      name: 'a finding on a line that starts with a comment: the "on this line" comment goes above it',
      options: ON,
      code: doc('/* vm-a */ { microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.mode = "bridge"; } ]; }'),
      findings: [
        {
          ...linkMissingAt(0),
          range: '0:38-0:55',
          ignore: [
            { title: 'Ignore macvtap-link-missing on this line', output: doc('# microvm-lint: disable-next-line macvtap-link-missing', '/* vm-a */ { microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.mode = "bridge"; } ]; }') },
            { title: 'Ignore macvtap-link-missing in this file', output: doc('# microvm-lint: disable macvtap-link-missing', '/* vm-a */ { microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.mode = "bridge"; } ]; }') },
          ],
        },
      ],
    },
    {
      name: 'no "on this line" comment for a finding on a line inside a multi-line string',
      options: ON,
      code: doc(
        '{',
        '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
        "  systemd.services.fixmac.script = ''",
        '    ip link set dev eth0 address 02:00:00:00:00:02',
        "  '';",
        '}',
      ),
      findings: [
        {
          code: 'guest-mac-override',
          messageId: 'command',
          range: '3:4-3:50', message: '`ip link set dev eth0 address 02:00:00:00:00:02` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network. Declare the MAC in microvm.interfaces and drop this command.',
          fixes: [],
          ignore: [
            {
              title: 'Ignore guest-mac-override in this file',
              output: doc(
                '# microvm-lint: disable guest-mac-override',
                '{',
                '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
                "  systemd.services.fixmac.script = ''",
                '    ip link set dev eth0 address 02:00:00:00:00:02',
                "  '';",
                '}',
              ),
            },
          ],
        },
      ],
    },
  ],
};
