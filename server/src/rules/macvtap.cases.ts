/**
 * Case table for the macvtap rules: `valid` snippets produce nothing; each
 * `invalid` case lists every finding with its exact range and every fix with
 * the exact document it produces. Run by test/unit/rule-cases.test.ts.
 */
import type { CaseTable, ExpectedFinding, ExpectedFix } from './caseTable';

/**
 * The order of the "Set macvtap.mode" fixes, written out: the preferred (or
 * suggested) mode first, then the others in the order the docs list them.
 */
const VEPA_FIRST = ['vepa', 'bridge', 'private', 'passthru', 'source'];
const BRIDGE_FIRST = ['bridge', 'vepa', 'private', 'passthru', 'source'];
const PASSTHRU_FIRST = ['passthru', 'vepa', 'bridge', 'private', 'source'];

/**
 * The five "Set macvtap.mode" fixes in `order`, the first preferred;
 * `template` is the fixed document with MODE where the mode goes.
 * `firstTitle` replaces the first fix's title (the "did you mean" fix).
 */
function modeFixes(template: string, order: readonly string[], firstTitle?: string): ExpectedFix[] {
  return order.map((mode, k) => ({
    title: k === 0 && firstTitle !== undefined ? firstTitle : `Set macvtap.mode = "${mode}"`,
    output: template.replaceAll('MODE', mode),
    preferred: k === 0,
  }));
}

/** A document from its lines, each ended by "\n" (or `eol`). */
const doc = (...lines: string[]) => lines.map((l) => l + '\n').join('');
const crlf = (...lines: string[]) => lines.map((l) => l + '\r\n').join('');
/** The template with the preferred mode filled in: what "fix all" writes. */
const fixed = (template: string, mode = 'vepa') => template.replaceAll('MODE', mode);

const modeMissing = (range: string, message: string, template: string, order = VEPA_FIRST): ExpectedFinding => ({
  code: 'macvtap-mode-missing',
  messageId: 'missing',
  range,
  message,
  fixes: modeFixes(template, order),
});
const modeNull = (range: string, message: string, template: string, order = VEPA_FIRST): ExpectedFinding => ({
  code: 'macvtap-mode-missing',
  messageId: 'isNull',
  range,
  message,
  fixes: modeFixes(template, order),
});
/** `didYouMean`: the title of the first fix when the message suggests a mode (that mode comes first in `order`). */
const modeInvalid = (range: string, message: string, template: string, order: readonly string[], didYouMean?: string): ExpectedFinding => ({
  code: 'macvtap-mode-invalid',
  messageId: didYouMean ? 'invalidWithSuggestion' : 'invalid',
  range,
  message,
  fixes: modeFixes(template, order, didYouMean),
});
const linkMissing = (range: string, message: string): ExpectedFinding => ({ code: 'macvtap-link-missing', messageId: 'missing', range, message, fixes: [] });
const linkNull = (range: string, message: string): ExpectedFinding => ({ code: 'macvtap-link-missing', messageId: 'isNull', range, message, fixes: [] });

// ---------------------------------------------------------------------------
// Invalid-case documents and their fixed templates (MODE = the inserted mode).
// ---------------------------------------------------------------------------

const guestModuleNested = doc(
  '{ config, lib, pkgs, ... }:',
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "macvtap";',
  '      id = "vm-web";',
  '      mac = "02:00:00:00:00:01";',
  '      macvtap = {',
  '        link = "enp1s0";',
  '      };',
  '    }',
  '  ];',
  '}',
);
const guestModuleNestedFixed = doc(
  '{ config, lib, pkgs, ... }:',
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "macvtap";',
  '      id = "vm-web";',
  '      mac = "02:00:00:00:00:01";',
  '      macvtap = {',
  '        link = "enp1s0";',
  '        mode = "MODE";',
  '      };',
  '    }',
  '  ];',
  '}',
);

const hostDottedConfig = doc(
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [ {',
  '      type = "macvtap";',
  '      id = "vm-web";',
  '      mac = "02:00:00:00:00:02";',
  '      macvtap.link = "eth0";',
  '    } ];',
  '  };',
  '}',
);
const hostDottedConfigFixed = doc(
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [ {',
  '      type = "macvtap";',
  '      id = "vm-web";',
  '      mac = "02:00:00:00:00:02";',
  '      macvtap.link = "eth0";',
  '      macvtap.mode = "MODE";',
  '    } ];',
  '  };',
  '}',
);

const hostNestedConfig = doc(
  '{ config, ... }:',
  '{',
  '  microvm.vms.db = {',
  '    autostart = true;',
  '    config = {',
  '      networking.hostName = "db";',
  '      microvm.interfaces = [',
  '        {',
  '          id = "vm-db";',
  '          type = "macvtap";',
  '          mac = "02:00:00:00:00:03";',
  '          macvtap = { link = "eth0"; };',
  '        }',
  '      ];',
  '    };',
  '  };',
  '}',
);
const hostNestedConfigFixed = hostNestedConfig.replace('{ link = "eth0"; }', '{ link = "eth0"; mode = "MODE"; }');

const flake = doc(
  '{',
  '  inputs.microvm.url = "github:microvm-nix/microvm.nix";',
  '  outputs = { self, nixpkgs, microvm }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      system = "x86_64-linux";',
  '      modules = [',
  '        microvm.nixosModules.microvm',
  '        {',
  '          microvm.hypervisor = "qemu";',
  '          microvm.interfaces = [{',
  '            type = "macvtap";',
  '            id = "my-vm";',
  '            mac = "02:00:00:00:00:04";',
  '            macvtap.link = "eno1";',
  '          }];',
  '        }',
  '      ];',
  '    };',
  '  };',
  '}',
);
const flakeFixed = flake.replace('"eno1";\n', '"eno1";\n            macvtap.mode = "MODE";\n');

const emptyNestedOneLine = doc(
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "macvtap";',
  '      id = "vm-a";',
  '      mac = "02:00:00:00:00:05";',
  '      macvtap = { };',
  '    }',
  '  ];',
  '}',
);
const emptyNestedOneLineFixed = emptyNestedOneLine.replace('macvtap = { };', 'macvtap = { mode = "MODE"; };');

const emptyNestedMultiLine = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap = {',
  '    };',
  '  } ];',
  '}',
);
const emptyNestedMultiLineFixed = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap = {',
  '      mode = "MODE";',
  '    };',
  '  } ];',
  '}',
);

const nestedOnlyComment = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap = {',
  '      # link = "eth0"; # which NIC?',
  '    };',
  '  } ];',
  '}',
);
const nestedOnlyCommentFixed = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap = {',
  '      # link = "eth0"; # which NIC?',
  '      mode = "MODE";',
  '    };',
  '  } ];',
  '}',
);

const nestedOnlyBlockCommentOneLine = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; macvtap = { /* TODO */ }; } ]; }\n';
const nestedOnlyBlockCommentOneLineFixed = nestedOnlyBlockCommentOneLine.replace('{ /* TODO */ }', '{ /* TODO */ mode = "MODE"; }');

const quotedNames = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    "type" = "macvtap";',
  '    "id" = "vm-a";',
  '    "macvtap".link = "eth0";',
  '  } ];',
  '}',
);
const quotedNamesFixed = quotedNames.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const indentedStringType = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = [ {',
  "    type = ''macvtap'';",
  '    id = "vm-a";',
  '    macvtap.link = "eth0";',
  '  } ];',
  '}',
);
const indentedStringTypeFixed = indentedStringType.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const recSet = doc(
  '{',
  '  microvm.interfaces = [',
  '    rec {',
  '      name = "a";',
  '      id = "vm-${name}";',
  '      type = "macvtap";',
  '      macvtap.link = "eth0";',
  '    }',
  '  ];',
  '}',
);
const recSetFixed = recSet.replace('"eth0";\n', '"eth0";\n      macvtap.mode = "MODE";\n');

const mapLambda = doc(
  '{ lib, macs, ... }:',
  'let',
  '  names = [ "a" "b" ];',
  'in',
  '{',
  '  microvm.interfaces = map (n: {',
  '    type = "macvtap";',
  '    id = "vm-${n}";',
  '    mac = macs.${n};',
  '    macvtap.link = "eth0";',
  '  }) names;',
  '}',
);
const mapLambdaFixed = mapLambda.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const libOptional = doc(
  '{ config, lib, ... }:',
  '{',
  '  microvm.interfaces = lib.optional config.services.foo.enable {',
  '    type = "macvtap";',
  '    id = "vm-foo";',
  '    mac = "02:00:00:00:00:06";',
  '    macvtap = {',
  '      link = "eth0";',
  '    };',
  '  };',
  '}',
);
const libOptionalFixed = libOptional.replace('"eth0";\n', '"eth0";\n      mode = "MODE";\n');

const libOptionals = doc(
  '{ lib, useMacvtap, ... }:',
  '{',
  '  microvm.interfaces = [',
  '    { type = "user"; id = "qemu"; mac = "02:00:00:00:00:07"; }',
  '  ] ++ lib.optionals useMacvtap [',
  '    { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:08"; macvtap.link = "eth0"; }',
  '  ];',
  '}',
);
const libOptionalsFixed = libOptionals.replace('macvtap.link = "eth0"; }', 'macvtap.link = "eth0"; macvtap.mode = "MODE"; }');

const libMkIf = doc(
  '{ config, lib, ... }:',
  '{',
  '  config = lib.mkIf config.my.vm.enable {',
  '    microvm.interfaces = lib.mkIf config.my.vm.macvtap [',
  '      {',
  '        type = "macvtap";',
  '        id = "vm-a";',
  '        macvtap.link = "eth0";',
  '      }',
  '    ];',
  '  };',
  '}',
);
const libMkIfFixed = libMkIf.replace('"eth0";\n', '"eth0";\n        macvtap.mode = "MODE";\n');

const flipMapAttrsToList = doc(
  '{ lib, ... }:',
  'let',
  '  nets = {',
  '    vm-a = { mac = "02:00:00:00:00:0a"; };',
  '    vm-b = { mac = "02:00:00:00:00:0b"; };',
  '  };',
  'in',
  '{',
  '  microvm.interfaces = lib.flip lib.mapAttrsToList nets (name: { mac, ... }: {',
  '    type = "macvtap";',
  '    id = name;',
  '    inherit mac;',
  '    macvtap = {',
  '      link = "eth0";',
  '    };',
  '  });',
  '}',
);
const flipMapAttrsToListFixed = flipMapAttrsToList.replace('"eth0";\n', '"eth0";\n      mode = "MODE";\n');

const letBound = doc(
  'let',
  '  iface = {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    mac = "02:00:00:00:00:01";',
  '    macvtap.link = "eth0";',
  '  };',
  'in',
  '{',
  '  microvm.interfaces = [ iface ];',
  '}',
);
const letBoundFixed = letBound.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const oneLineBare = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; }\n';
const oneLineBareFixed = oneLineBare.replace('type = "macvtap";', 'type = "macvtap"; macvtap.mode = "MODE";');

const multiLineBare = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    mac = "02:00:00:00:00:01";',
  '  } ];',
  '}',
);
const multiLineBareFixed = multiLineBare.replace('"macvtap";\n', '"macvtap";\n    macvtap.mode = "MODE";\n');

const typeOnBraceLine = doc(
  '{',
  '  microvm.interfaces = [ { type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap.link = "eth0"; # uplink',
  '  } ];',
  '}',
);
const typeOnBraceLineFixed = typeOnBraceLine.replace('# uplink\n', '# uplink\n    macvtap.mode = "MODE";\n');

const typeOnBraceLineBare = doc(
  '{',
  '  microvm.interfaces = [ { type = "macvtap";',
  '    id = "vm-a";',
  '  } ];',
  '}',
);
const typeOnBraceLineBareFixed = typeOnBraceLineBare.replace('"macvtap";\n', '"macvtap";\n    macvtap.mode = "MODE";\n');

const manyInterfaces = doc(
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "macvtap";',
  '      id = "vm-a1";',
  '      mac = "02:00:00:00:00:a1";',
  '      macvtap = { link = "eth0"; mode = "bridge"; };',
  '    }',
  '    {',
  '      type = "macvtap";',
  '      id = "vm-a2";',
  '      mac = "02:00:00:00:00:a2";',
  '      macvtap.link = "eth1";',
  '    }',
  '    {',
  '      type = "tap";',
  '      id = "vm-a3";',
  '      mac = "02:00:00:00:00:a3";',
  '    }',
  '    {',
  '      type = "macvtap";',
  '      id = "vm-a4";',
  '      mac = "02:00:00:00:00:a4";',
  '      macvtap = { link = "eth2"; mode = "brige"; };',
  '    }',
  '    { type = "macvtap"; id = "vm-a5"; mac = "02:00:00:00:00:a5"; macvtap.mode = "source"; }',
  '  ];',
  '}',
);
const manyInterfacesSecondFixed = manyInterfaces.replace('"eth1";\n', '"eth1";\n      macvtap.mode = "MODE";\n');
const manyInterfacesFourthFixed = manyInterfaces.replace('"brige"', '"MODE"');

const twoVms = doc(
  '{',
  '  microvm.vms = {',
  '    web.config.microvm.interfaces = [ {',
  '      type = "macvtap";',
  '      id = "vm-web";',
  '      macvtap.link = "eth0";',
  '    } ];',
  '    db.config = {',
  '      microvm.interfaces = [ {',
  '        type = "macvtap";',
  '        id = "vm-db";',
  '        macvtap.mode = null;',
  '        macvtap.link = "eth0";',
  '      } ];',
  '    };',
  '  };',
  '}',
);
const twoVmsWebFixed = twoVms.replace('"eth0";\n    }', '"eth0";\n      macvtap.mode = "MODE";\n    }');
const twoVmsDbFixed = twoVms.replace('null', '"MODE"');

const dottedNull = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap.link = "eth0";',
  '    macvtap.mode = null;',
  '  } ];',
  '}',
);
const dottedNullFixed = dottedNull.replace('null', '"MODE"');

const nestedNull = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap = {',
  '      link = "eth0";',
  '      mode = null;',
  '    };',
  '  } ];',
  '}',
);
const nestedNullFixed = nestedNull.replace('null', '"MODE"');

const bothNull = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; macvtap = { link = null; mode = null; }; } ]; }\n';
const bothNullFixed = bothNull.replace('mode = null', 'mode = "MODE"');

const linkNullDoc = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap.link = null;',
  '    macvtap.mode = "bridge";',
  '  } ];',
  '}',
);

const vpea = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap.link = "eth0";',
  '    macvtap.mode = "vpea";',
  '  } ];',
  '}',
);
const vpeaFixed = vpea.replace('"vpea"', '"MODE"');

const capitalBridge = '{ microvm.interfaces = [ { type = "macvtap"; macvtap = { link = "eth0"; mode = "Bridge"; }; } ]; }\n';
const capitalBridgeFixed = capitalBridge.replace('"Bridge"', '"MODE"');

const brigdeInMap = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = map (n: {',
  '    type = "macvtap";',
  '    id = "vm-${n}";',
  '    macvtap.mode = "brigde";',
  '    macvtap.link = "eth0";',
  '  }) [ "a" ];',
  '}',
);
const brigdeInMapFixed = brigdeInMap.replace('"brigde"', '"MODE"');

const passtruHost = doc(
  '{',
  '  microvm.vms.nas = {',
  '    config = {',
  '      microvm.interfaces = [ {',
  '        type = "macvtap";',
  '        id = "vm-nas";',
  '        macvtap = {',
  '          link = "enp3s0f1";',
  '          mode = "passtru";',
  '        };',
  '      } ];',
  '    };',
  '  };',
  '}',
);
const passtruHostFixed = passtruHost.replace('"passtru"', '"MODE"');

const fooMode = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; macvtap.link = "eth0"; macvtap.mode = "foo"; } ]; }\n';
const fooModeFixed = fooMode.replace('"foo"', '"MODE"');

const emptyMode = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; macvtap.link = "eth0"; macvtap.mode = ""; } ]; }\n';
const emptyModeFixed = emptyMode.replace('""', '"MODE"');

const indentedVpea = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  "    macvtap = { link = ''eth0''; mode = ''vpea''; };",
  '  } ];',
  '}',
);
const indentedVpeaFixed = indentedVpea.replace("''vpea''", "''MODE''");

const comments = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    # the uplink',
  '    type = "macvtap"; # see docs',
  '    /* id */ id = "vm-a";',
  '    macvtap.link = "eth0"; # uplink NIC',
  '    # mac comes from the host',
  '    mac = "02:00:00:00:00:01";',
  '  } ];',
  '}',
);
const commentsFixed = comments.replace('# uplink NIC\n', '# uplink NIC\n    macvtap.mode = "MODE";\n');

const blockCommentAfterAnchor = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap.link = "eth0"; /* uplink NIC */',
  '    id = "vm-a";',
  '  } ];',
  '}',
);
const blockCommentAfterAnchorFixed = blockCommentAfterAnchor.replace('*/\n', '*/\n    macvtap.mode = "MODE";\n');

const tabs = doc(
  '{',
  '\tmicrovm.interfaces = [',
  '\t\t{',
  '\t\t\ttype = "macvtap";',
  '\t\t\tid = "vm-a";',
  '\t\t\tmacvtap = {',
  '\t\t\t\tlink = "eth0";',
  '\t\t\t};',
  '\t\t}',
  '\t];',
  '}',
);
const tabsFixed = tabs.replace('"eth0";\n', '"eth0";\n\t\t\t\tmode = "MODE";\n');

const tabsEmptyNested = doc(
  '{',
  '\tmicrovm.interfaces = [ {',
  '\t\ttype = "macvtap";',
  '\t\tmacvtap = {',
  '\t\t};',
  '\t} ];',
  '}',
);
const tabsEmptyNestedFixed = tabsEmptyNested.replace('macvtap = {\n', 'macvtap = {\n\t\t\tmode = "MODE";\n');

const tabsDotted = doc(
  '{',
  '\tmicrovm.interfaces = [ {',
  '\t\ttype = "macvtap";',
  '\t\tmacvtap.link = "eth0";',
  '\t} ];',
  '}',
);
const tabsDottedFixed = tabsDotted.replace('"eth0";\n', '"eth0";\n\t\tmacvtap.mode = "MODE";\n');

const crlfDotted = crlf(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap.link = "eth0";',
  '  } ];',
  '}',
);
const crlfDottedFixed = crlfDotted.replace('"eth0";\r\n', '"eth0";\r\n    macvtap.mode = "MODE";\r\n');

const crlfEmptyNested = crlf(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap = {',
  '    };',
  '  } ];',
  '}',
);
const crlfEmptyNestedFixed = crlfEmptyNested.replace('macvtap = {\r\n', 'macvtap = {\r\n      mode = "MODE";\r\n');

const crlfNestedComment = crlf(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap = {',
  '      # no link yet',
  '    };',
  '  } ];',
  '}',
);
const crlfNestedCommentFixed = crlfNestedComment.replace('yet\r\n', 'yet\r\n      mode = "MODE";\r\n');

const loneCr = ['{', '  microvm.interfaces = [ {', '    type = "macvtap";', '    macvtap.link = "eth0";', '  } ];', '}', ''].join('\r');
const loneCrFixed = loneCr.replace('"eth0";\r', '"eth0";\r    macvtap.mode = "MODE";\r');

const nonAscii = doc(
  '{',
  '  # Réseau du VM 🚀',
  '  microvm.interfaces = [ { /* 🚀 */ type = "macvtap"; id = "vm-é"; macvtap.link = "eth0"; } ];',
  '}',
);
const nonAsciiFixed = nonAscii.replace('"eth0"; }', '"eth0"; macvtap.mode = "MODE"; }');

const nonAsciiMultiLine = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    id = "vm-café";',
  '    /* 🖧 uplink */ type = "macvtap"; macvtap.link = "eth0"; # é',
  '  } ];',
  '}',
);
const nonAsciiMultiLineFixed = nonAsciiMultiLine.replace('# é\n', '# é\n    macvtap.mode = "MODE";\n');

const strayEquals = doc(
  '{',
  '  networking.hostName = = "vm";',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap.link = "eth0";',
  '  } ];',
  '}',
);
const strayEqualsFixed = strayEquals.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const unclosedLet = doc(
  '{',
  '  networking.firewall.allowedTCPPorts = let ports = [ 22 ];',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap.link = "eth0";',
  '  } ];',
  '}',
);
const unclosedLetFixed = unclosedLet.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const trailingCommaFormals = doc(
  '{ lib, pkgs, }:',
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap.link = "eth0";',
  '  } ];',
  '}',
);
const trailingCommaFormalsFixed = trailingCommaFormals.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const typeLast = doc(
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      id = "vm-a";',
  '      mac = "02:00:00:00:00:01";',
  '      macvtap.link = "eth0";',
  '      type = "macvtap";',
  '    }',
  '  ];',
  '}',
);
const typeLastFixed = typeLast.replace('"eth0";\n', '"eth0";\n      macvtap.mode = "MODE";\n');

const braceOnAnchorLine = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap.link = "eth0"; } ];',
  '}',
);
const braceOnAnchorLineFixed = braceOnAnchorLine.replace('"eth0"; }', '"eth0"; macvtap.mode = "MODE"; }');

const bindingAfterAnchorOnLine = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap.link = "eth0"; id = "vm-a";',
  '    mac = "02:00:00:00:00:01";',
  '  } ];',
  '}',
);
const bindingAfterAnchorOnLineFixed = bindingAfterAnchorOnLine.replace('"eth0";', '"eth0"; macvtap.mode = "MODE";');

const withLib = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = with lib; optional true {',
  '    type = "macvtap";',
  '    macvtap.link = "eth0";',
  '  };',
  '}',
);
const withLibFixed = withLib.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

const preferBridgeNested = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap = {',
  '      link = "eth0";',
  '    };',
  '  } ];',
  '}',
);
const preferBridgeNestedFixed = preferBridgeNested.replace('"eth0";\n', '"eth0";\n      mode = "MODE";\n');

const preferBridgeNull = '{ microvm.interfaces = [ { type = "macvtap"; macvtap.link = "eth0"; macvtap.mode = null; } ]; }\n';
const preferBridgeNullFixed = preferBridgeNull.replace('null', '"MODE"');

const nestedModeNoLink = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-a";',
  '    macvtap = { mode = "bridge"; };',
  '  } ];',
  '}',
);

const twoSetsOneLine = '{ microvm.interfaces = [ { type = "macvtap"; macvtap.link = "eth0"; } { type = "macvtap"; macvtap.link = "eth1"; } ]; }\n';
const twoSetsOneLineFirstFixed = twoSetsOneLine.replace('"eth0";', '"eth0"; macvtap.mode = "MODE";');
const twoSetsOneLineSecondFixed = twoSetsOneLine.replace('"eth1";', '"eth1"; macvtap.mode = "MODE";');

const modeTrailingSpace = '{ microvm.interfaces = [ { type = "macvtap"; macvtap.link = "eth0"; macvtap.mode = "bridge "; } ]; }\n';
const modeTrailingSpaceFixed = modeTrailingSpace.replace('"bridge "', '"MODE"');

const parenthesizedNull = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap = { link = "eth0"; mode = (null); };',
  '  } ];',
  '}',
);
const parenthesizedNullFixed = parenthesizedNull.replace('(null)', '"MODE"');

const nestedLinkOnBraceLine = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap = { link = "eth0";',
  '    };',
  '  } ];',
  '}',
);
const nestedLinkOnBraceLineFixed = nestedLinkOnBraceLine.replace('"eth0";\n', '"eth0";\n      mode = "MODE";\n');

const linkValueOnNextLine = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    macvtap.link =',
  '      "eth0";',
  '    id = "vm-a";',
  '  } ];',
  '}',
);
const linkValueOnNextLineFixed = linkValueOnNextLine.replace('"eth0";\n', '"eth0";\n    macvtap.mode = "MODE";\n');

export const cases: CaseTable = {
  valid: [
    {
      name: 'macvtap-shaped sets in a list mapped by a function that merges each with //: the mode may come from it',
      code: doc(
        '{ lib, ... }:',
        'let',
        '  nets = map (x: x // { macvtap.mode = "bridge"; }) [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
        'in',
        '{ }',
      ),
    },
    {
      name: 'dotted mode and link',
      code: '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = "bridge"; } ]; }\n',
    },
    {
      name: 'guest module, nested macvtap set with link and mode',
      code: doc(
        '{ config, lib, pkgs, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    {',
        '      type = "macvtap";',
        '      id = "vm-web";',
        '      mac = "02:00:00:00:00:01";',
        '      macvtap = {',
        '        link = "enp1s0";',
        '        mode = "bridge";',
        '      };',
        '    }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'host microvm.vms.<name>.config, dotted settings',
      code: doc(
        '{',
        '  microvm.vms.web.config = {',
        '    microvm.interfaces = [ {',
        '      type = "macvtap";',
        '      id = "vm-web";',
        '      macvtap.link = "eth0";',
        '      macvtap.mode = "private";',
        '    } ];',
        '  };',
        '}',
      ),
    },
    {
      name: 'flake nixosSystem module with mode and link',
      code: doc(
        '{',
        '  outputs = { self, nixpkgs, microvm }: {',
        '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
        '      modules = [',
        '        microvm.nixosModules.microvm',
        '        { microvm.interfaces = [ { type = "macvtap"; id = "my-vm"; macvtap = { link = "eno1"; mode = "vepa"; }; } ]; }',
        '      ];',
        '    };',
        '  };',
        '}',
      ),
    },
    {
      name: 'quoted attribute names',
      code: '{ microvm.interfaces = [ { "type" = "macvtap"; "macvtap".link = "eth0"; macvtap."mode" = "passthru"; } ]; }\n',
    },
    {
      name: 'nested set and a dotted binding for the same attribute',
      code: doc(
        '{',
        '  microvm.interfaces = [ {',
        '    type = "macvtap";',
        '    macvtap = { link = "eth0"; };',
        '    macvtap.mode = "bridge";',
        '  } ];',
        '}',
      ),
    },
    {
      name: 'link after mode, type not first, indented strings',
      code: doc(
        '{',
        '  microvm.interfaces = [ {',
        '    id = "vm-a";',
        "    macvtap.mode = ''source'';",
        "    macvtap.link = ''eth0'';",
        "    type = ''macvtap'';",
        '  } ];',
        '}',
      ),
    },
    {
      name: 'set merged with // on its right',
      code: '{ cfg, ... }: { microvm.interfaces = [ ({ type = "macvtap"; id = "vm-a"; } // cfg.extra) ]; }\n',
    },
    {
      name: 'set merged with // on its left',
      code: '{ defaults, ... }: { microvm.interfaces = [ (defaults // { type = "macvtap"; id = "vm-a"; }) ]; }\n',
    },
    {
      name: 'set passed to lib.recursiveUpdate',
      code: doc(
        '{ lib, cfg, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    (lib.recursiveUpdate { type = "macvtap"; id = "vm-a"; macvtap.link = "eth0"; } cfg.overrides)',
        '    (lib.recursiveUpdate cfg.base { type = "macvtap"; id = "vm-b"; })',
        '  ];',
        '}',
      ),
    },
    {
      name: 'let-bound set later merged with //',
      code: doc(
        'let',
        '  base = {',
        '    type = "macvtap";',
        '    macvtap.link = "eth0";',
        '  };',
        'in',
        '{',
        '  microvm.interfaces = [ (base // { id = "vm-a"; macvtap.mode = "bridge"; }) ];',
        '}',
      ),
    },
    {
      name: 'macvtap = some expression',
      code: '{ cfg, ... }: { microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; macvtap = cfg.macvtap; } ]; }\n',
    },
    {
      name: 'macvtap set that inherits mode',
      code: '{ mode, ... }: { microvm.interfaces = [ { type = "macvtap"; macvtap = { inherit mode; link = "eth0"; }; } ]; }\n',
    },
    {
      name: 'inherit (cfg) macvtap',
      code: '{ cfg, ... }: { microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; inherit (cfg) macvtap; } ]; }\n',
    },
    {
      name: 'mode and link from variables',
      code: '{ cfg, ... }: { microvm.interfaces = [ { type = "macvtap"; macvtap.mode = cfg.mode; macvtap.link = cfg.link; } ]; }\n',
    },
    {
      name: 'mode = lib.mkDefault "bridge"',
      code: '{ lib, ... }: { microvm.interfaces = [ { type = "macvtap"; macvtap.link = "eth0"; macvtap.mode = lib.mkDefault "bridge"; } ]; }\n',
    },
    {
      name: 'interpolated mode',
      code: '{ m, ... }: { microvm.interfaces = [ { type = "macvtap"; macvtap = { link = "eth0"; mode = "${m}"; }; } ]; }\n',
    },
    {
      name: 'computed attribute name in the macvtap set',
      code: '{ key, ... }: { microvm.interfaces = [ { type = "macvtap"; macvtap = { link = "eth0"; ${key} = "bridge"; }; } ]; }\n',
    },
    {
      name: 'computed attribute name in the interface set',
      code: '{ key, ... }: { microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; "${key}" = { link = "eth0"; mode = "vepa"; }; } ]; }\n',
    },
    {
      name: 'tap, user and bridge interfaces without macvtap settings',
      code: doc(
        '{',
        '  microvm.interfaces = [',
        '    { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:01"; }',
        '    { type = "user"; id = "qemu"; mac = "02:00:00:00:00:02"; }',
        '    { type = "bridge"; id = "vm-br"; bridge = "br0"; mac = "02:00:00:00:00:03"; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'type from a variable',
      code: '{ ifaceType, ... }: { microvm.interfaces = [ { type = ifaceType; id = "vm-a"; } ]; }\n',
    },
    {
      name: 'type inherited from a let binding',
      code: 'let type = "macvtap"; in { microvm.interfaces = [ { inherit type; id = "vm-a"; } ]; }\n',
    },
    {
      name: 'type = "macvtap" only in comments and strings',
      code: doc(
        '{',
        '  # microvm.interfaces = [ { type = "macvtap"; } ];',
        '  /* { type = "macvtap"; } */',
        '  description = "type = \\"macvtap\\"; needs a mode";',
        "  script = ''",
        '    echo \'{ type = "macvtap"; }\'',
        "  '';",
        '  microvm.interfaces = [ ];',
        '}',
      ),
    },
    {
      name: 'systemd-networkd macvtap netdev',
      code: doc(
        '{',
        '  systemd.network.netdevs."20-macvtap0" = {',
        '    netdevConfig = { Kind = "macvtap"; Name = "macvtap0"; };',
        '    macvtapConfig.Mode = "bridge";',
        '  };',
        '  systemd.network.networks."20-eth0".networkConfig.MACVTAP = [ "macvtap0" ];',
        '}',
      ),
    },
    {
      name: 'macvtap set built by a function call or //',
      code: doc(
        '{ lib, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    { type = "macvtap"; id = "vm-a"; macvtap = lib.mkForce { link = "eth0"; }; }',
        '    { type = "macvtap"; id = "vm-b"; macvtap = { link = "eth0"; } // { mode = "bridge"; }; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'interface set with a syntax error inside (being typed)',
      code: doc(
        '{',
        '  microvm.interfaces = [ {',
        '    type = "macvtap";',
        '    id = ',
        '  } ];',
        '}',
      ),
    },
    {
      name: 'interface set with a stray parenthesis between its bindings',
      code: doc('{', '  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; ) } ];', '}'),
    },
    {
      name: 'a macvtap-shaped set nested inside an interface is not a second interface',
      code: doc(
        '{',
        '  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; extra = { type = "macvtap"; id = "vm-b"; }; } ];',
        '}',
      ),
    },
    {
      name: 'complete interfaces in map and flip mapAttrsToList',
      code: doc(
        '{ lib, nets, ... }:',
        '{',
        '  microvm.interfaces = map (n: { type = "macvtap"; id = n; macvtap = { link = "eth0"; mode = "bridge"; }; }) [ "a" ]',
        '    ++ lib.flip lib.mapAttrsToList nets (_: { mac, ... }: {',
        '      type = "macvtap";',
        '      inherit mac;',
        '      macvtap.link = "eth1";',
        '      macvtap.mode = "vepa";',
        '    });',
        '}',
      ),
    },
    {
      name: 'set built by a helper function whose result is merged with //',
      code: doc(
        'let',
        '  mkMacvtap = id: mac: {',
        '    type = "macvtap";',
        '    inherit id mac;',
        '    macvtap.link = "eth0";',
        '  };',
        'in',
        '{',
        '  microvm.interfaces = [ (mkMacvtap "vm-a" "02:00:00:00:00:01" // { macvtap.mode = "bridge"; }) ];',
        '}',
      ),
    },
    {
      name: 'list elements merged into a map lambda with //',
      code: doc(
        '{',
        '  microvm.interfaces = map (i: { macvtap = { link = "eth0"; mode = "bridge"; }; } // i) [',
        '    { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'set bound to an attribute path later merged with //',
      code: doc(
        'let',
        '  ifaces.uplink = { type = "macvtap"; id = "vm-a"; };',
        'in',
        '{ microvm.interfaces = [ (ifaces.uplink // { macvtap = { link = "eth0"; mode = "vepa"; }; }) ]; }',
      ),
    },
  ],
  invalid: [
    {
      name: 'a let-bound interface set listed in microvm.interfaces, no mode',
      code: doc('let', '  uplink = { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; };', 'in', '{ microvm.interfaces = [ uplink ]; }'),
      findings: [
        modeMissing(
          '1:13-1:30',
          'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.',
          doc('let', '  uplink = { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = "MODE"; };', 'in', '{ microvm.interfaces = [ uplink ]; }'),
        ),
      ],
      fixAll: doc('let', '  uplink = { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = "vepa"; };', 'in', '{ microvm.interfaces = [ uplink ]; }'),
    },
    {
      name: 'a whole file that is one macvtap-shaped set (imported elsewhere), no mode',
      code: '{ type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; }\n',
      findings: [
        modeMissing(
          '0:2-0:19',
          'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.',
          '{ type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = "MODE"; }\n',
        ),
      ],

      fixAll: '{ type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = "vepa"; }\n',
    },
    {
      name: 'layout: the mode takes the link\'s own indentation, or the next binding\'s when the link shares its line',
      code: doc(
        '{',
        '  microvm.interfaces = [',
        '    {',
        '      type = "macvtap";',
        '        macvtap.link = "eth0";',
        '      id = "vm-a";',
        '      mac = "02:00:00:00:00:01";',
        '    }',
        '    { type = "macvtap"; macvtap.link = "eth1";',
        '          id = "vm-b";',
        '          mac = "02:00:00:00:00:02"; }',
        '  ];',
        '}',
      ),
      findings: [
        modeMissing('3:6-3:23', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', doc(
          '{',
          '  microvm.interfaces = [',
          '    {',
          '      type = "macvtap";',
          '        macvtap.link = "eth0";',
          '        macvtap.mode = "MODE";',
          '      id = "vm-a";',
          '      mac = "02:00:00:00:00:01";',
          '    }',
          '    { type = "macvtap"; macvtap.link = "eth1";',
          '          id = "vm-b";',
          '          mac = "02:00:00:00:00:02"; }',
          '  ];',
          '}',
        )),
        modeMissing('8:6-8:23', 'Interface "vm-b" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', doc(
          '{',
          '  microvm.interfaces = [',
          '    {',
          '      type = "macvtap";',
          '        macvtap.link = "eth0";',
          '      id = "vm-a";',
          '      mac = "02:00:00:00:00:01";',
          '    }',
          '    { type = "macvtap"; macvtap.link = "eth1";',
          '          macvtap.mode = "MODE";',
          '          id = "vm-b";',
          '          mac = "02:00:00:00:00:02"; }',
          '  ];',
          '}',
        )),
      ],
      fixAll: doc(
        '{',
        '  microvm.interfaces = [',
        '    {',
        '      type = "macvtap";',
        '        macvtap.link = "eth0";',
        '        macvtap.mode = "vepa";',
        '      id = "vm-a";',
        '      mac = "02:00:00:00:00:01";',
        '    }',
        '    { type = "macvtap"; macvtap.link = "eth1";',
        '          macvtap.mode = "vepa";',
        '          id = "vm-b";',
        '          mac = "02:00:00:00:00:02"; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'layout: a block comment glued to code after the link keeps the mode on the link\'s line',
      code: doc('{', '  microvm.interfaces = [ {', '    type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01";', '    macvtap.link = "eth0"; /* uplink */x = 1;', '  } ];', '}'),
      findings: [
        modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', doc('{', '  microvm.interfaces = [ {', '    type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01";', '    macvtap.link = "eth0"; macvtap.mode = "MODE"; /* uplink */x = 1;', '  } ];', '}')),
      ],
      fixAll: doc('{', '  microvm.interfaces = [ {', '    type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01";', '    macvtap.link = "eth0"; macvtap.mode = "vepa"; /* uplink */x = 1;', '  } ];', '}'),
    },
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
          range: '2:4-2:21', message: 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.',
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
            VEPA_FIRST,
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
    {
      name: 'guest module with formals, nested multi-line macvtap set',
      code: guestModuleNested,
      findings: [modeMissing('4:6-4:23', 'Interface "vm-web" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', guestModuleNestedFixed)],
      fixAll: fixed(guestModuleNestedFixed),
    },
    {
      name: 'host microvm.vms.<name>.config, dotted link',
      code: hostDottedConfig,
      findings: [modeMissing('3:6-3:23', 'Interface "vm-web" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', hostDottedConfigFixed)],
      fixAll: fixed(hostDottedConfigFixed),
    },
    {
      name: 'host microvm.vms.<name> = { config = ...; }, one-line nested macvtap set',
      code: hostNestedConfig,
      findings: [modeMissing('9:10-9:27', 'Interface "vm-db" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', hostNestedConfigFixed)],
      fixAll: fixed(hostNestedConfigFixed),
    },
    {
      name: 'flake nixosSystem modules list',
      code: flake,
      findings: [modeMissing('10:12-10:29', 'Interface "my-vm" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', flakeFixed)],
      fixAll: fixed(flakeFixed),
    },
    {
      name: 'empty one-line macvtap = { }',
      code: emptyNestedOneLine,
      findings: [linkMissing('3:6-3:23', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('3:6-3:23', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', emptyNestedOneLineFixed)],
      fixAll: fixed(emptyNestedOneLineFixed),
    },
    {
      name: 'empty multi-line macvtap set',
      code: emptyNestedMultiLine,
      findings: [linkMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', emptyNestedMultiLineFixed)],
      fixAll: fixed(emptyNestedMultiLineFixed),
    },
    {
      name: 'macvtap set holding only a comment',
      code: nestedOnlyComment,
      findings: [linkMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', nestedOnlyCommentFixed)],
      fixAll: fixed(nestedOnlyCommentFixed),
    },
    {
      name: 'one-line macvtap set holding only a block comment',
      code: nestedOnlyBlockCommentOneLine,
      findings: [linkMissing('0:27-0:44', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('0:27-0:44', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', nestedOnlyBlockCommentOneLineFixed)],
      fixAll: fixed(nestedOnlyBlockCommentOneLineFixed),
    },
    {
      name: 'quoted "type" and "macvtap".link',
      code: quotedNames,
      findings: [modeMissing('2:4-2:23', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', quotedNamesFixed)],
      fixAll: fixed(quotedNamesFixed),
    },
    {
      name: "type = ''macvtap''",
      code: indentedStringType,
      findings: [modeMissing('3:4-3:23', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', indentedStringTypeFixed)],
      fixAll: fixed(indentedStringTypeFixed),
    },
    {
      name: 'rec set',
      code: recSet,
      findings: [modeMissing('5:6-5:23', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', recSetFixed)],
      fixAll: fixed(recSetFixed),
    },
    {
      name: 'map lambda over names',
      code: mapLambda,
      findings: [modeMissing('6:4-6:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', mapLambdaFixed)],
      fixAll: fixed(mapLambdaFixed),
    },
    {
      name: 'lib.optional cond { ... }',
      code: libOptional,
      findings: [modeMissing('3:4-3:21', 'Interface "vm-foo" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', libOptionalFixed)],
      fixAll: fixed(libOptionalFixed),
    },
    {
      name: 'lib.optionals cond [ ... ] after a user interface',
      code: libOptionals,
      findings: [modeMissing('5:6-5:23', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', libOptionalsFixed)],
      fixAll: fixed(libOptionalsFixed),
    },
    {
      name: 'lib.mkIf cond [ ... ] inside lib.mkIf',
      code: libMkIf,
      findings: [modeMissing('5:8-5:25', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', libMkIfFixed)],
      fixAll: fixed(libMkIfFixed),
    },
    {
      name: 'flip mapAttrsToList with { mac, ... } formals',
      code: flipMapAttrsToList,
      findings: [modeMissing('9:4-9:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', flipMapAttrsToListFixed)],
      fixAll: fixed(flipMapAttrsToListFixed),
    },
    {
      name: 'let-bound interface set',
      code: letBound,
      findings: [modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', letBoundFixed)],
      fixAll: fixed(letBoundFixed),
    },
    {
      name: 'one-line set without any macvtap setting',
      code: oneLineBare,
      findings: [linkMissing('0:27-0:44', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('0:27-0:44', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', oneLineBareFixed)],
      fixAll: fixed(oneLineBareFixed),
    },
    {
      name: 'multi-line set without any macvtap setting',
      code: multiLineBare,
      findings: [linkMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', multiLineBareFixed)],
      fixAll: fixed(multiLineBareFixed),
    },
    {
      name: 'type on the opening brace line, trailing comment on link',
      code: typeOnBraceLine,
      findings: [modeMissing('1:27-1:44', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', typeOnBraceLineFixed)],
      fixAll: fixed(typeOnBraceLineFixed),
    },
    {
      name: 'type on the opening brace line, no macvtap setting',
      code: typeOnBraceLineBare,
      findings: [linkMissing('1:27-1:44', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('1:27-1:44', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', typeOnBraceLineBareFixed)],
      fixAll: fixed(typeOnBraceLineBareFixed),
    },
    {
      name: 'several interfaces in one list, some fine',
      code: manyInterfaces,
      findings: [
        modeMissing('9:6-9:23', 'Interface "vm-a2" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', manyInterfacesSecondFixed),
        modeInvalid('23:40-23:47', 'macvtap.mode "brige" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "bridge"?', manyInterfacesFourthFixed, BRIDGE_FIRST, 'Change to "bridge" (did you mean it?)'),
        linkMissing('25:6-25:23', 'Interface "vm-a5" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'),
      ],
      fixAll: manyInterfaces
        .replace('"eth1";\n', '"eth1";\n      macvtap.mode = "vepa";\n')
        .replace('"brige"', '"bridge"'),
    },
    {
      name: 'two VMs on one host, missing and null mode',
      code: twoVms,
      findings: [modeMissing('3:6-3:23', 'Interface "vm-web" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', twoVmsWebFixed), modeNull('11:23-11:27', 'Interface "vm-db" sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) or evaluation fails (since 2024-11). Set one of vepa, bridge, private, passthru, source.', twoVmsDbFixed)],
      fixAll: twoVms.replace('"eth0";\n    }', '"eth0";\n      macvtap.mode = "vepa";\n    }').replace('null', '"vepa"'),
    },
    {
      name: 'dotted mode = null',
      code: dottedNull,
      findings: [modeNull('5:19-5:23', 'Interface "vm-a" sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) or evaluation fails (since 2024-11). Set one of vepa, bridge, private, passthru, source.', dottedNullFixed)],
      fixAll: fixed(dottedNullFixed),
    },
    {
      name: 'nested mode = null',
      code: nestedNull,
      findings: [modeNull('6:13-6:17', 'Interface "vm-a" sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) or evaluation fails (since 2024-11). Set one of vepa, bridge, private, passthru, source.', nestedNullFixed)],
      fixAll: fixed(nestedNullFixed),
    },
    {
      name: 'link = null and mode = null in a one-line set',
      code: bothNull,
      findings: [linkNull('0:77-0:81', 'Interface "vm-a" sets macvtap.link = null: the macvtap device needs a parent host interface. Set it to one, such as "eth0".'), modeNull('0:90-0:94', 'Interface "vm-a" sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) or evaluation fails (since 2024-11). Set one of vepa, bridge, private, passthru, source.', bothNullFixed)],
      fixAll: fixed(bothNullFixed),
    },
    {
      name: 'dotted link = null',
      code: linkNullDoc,
      findings: [linkNull('4:19-4:23', 'Interface "vm-a" sets macvtap.link = null: the macvtap device needs a parent host interface. Set it to one, such as "eth0".')],
    },
    {
      name: 'mode "vpea" (swapped letters)',
      code: vpea,
      findings: [modeInvalid('5:19-5:25', 'macvtap.mode "vpea" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "vepa"?', vpeaFixed, VEPA_FIRST, 'Change to "vepa" (did you mean it?)')],
      fixAll: fixed(vpeaFixed),
    },
    {
      name: 'mode " rbigde " (two swapped pairs, spaces around): two edits from bridge',
      code: capitalBridge.replace('"Bridge"', '" rbigde "'),
      findings: [modeInvalid('0:79-0:89', 'macvtap.mode " rbigde " is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "bridge"?', capitalBridgeFixed, BRIDGE_FIRST, 'Change to "bridge" (did you mean it?)')],
      fixAll: fixed(capitalBridgeFixed, 'bridge'),
    },
    {
      name: 'mode "pvae": three edits from vepa, no suggestion',
      code: capitalBridge.replace('"Bridge"', '"pvae"'),
      findings: [modeInvalid('0:79-0:85', 'macvtap.mode "pvae" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it and `ip link` cannot create the device.', capitalBridgeFixed, VEPA_FIRST)],
      fixAll: fixed(capitalBridgeFixed),
    },
    {
      name: 'mode "Bridge" (capital letter), one-line nested',
      code: capitalBridge,
      findings: [modeInvalid('0:79-0:87', 'macvtap.mode "Bridge" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "bridge"?', capitalBridgeFixed, BRIDGE_FIRST, 'Change to "bridge" (did you mean it?)')],
      fixAll: fixed(capitalBridgeFixed, 'bridge'),
    },
    {
      name: 'mode "brigde" in a map lambda, mode before link',
      code: brigdeInMap,
      findings: [modeInvalid('5:19-5:27', 'macvtap.mode "brigde" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "bridge"?', brigdeInMapFixed, BRIDGE_FIRST, 'Change to "bridge" (did you mean it?)')],
      fixAll: fixed(brigdeInMapFixed, 'bridge'),
    },
    {
      name: 'mode "passtru" on the host, nested',
      code: passtruHost,
      findings: [modeInvalid('8:17-8:26', 'macvtap.mode "passtru" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "passthru"?', passtruHostFixed, PASSTHRU_FIRST, 'Change to "passthru" (did you mean it?)')],
      fixAll: fixed(passtruHostFixed, 'passthru'),
    },
    {
      name: 'mode "foo" (no suggestion)',
      code: fooMode,
      findings: [modeInvalid('0:96-0:101', 'macvtap.mode "foo" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it and `ip link` cannot create the device.', fooModeFixed, VEPA_FIRST)],
      fixAll: fixed(fooModeFixed),
    },
    {
      name: 'empty mode string',
      code: emptyMode,
      findings: [modeInvalid('0:96-0:98', 'macvtap.mode "" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it and `ip link` cannot create the device.', emptyModeFixed, VEPA_FIRST)],
      fixAll: fixed(emptyModeFixed),
    },
    {
      name: "mode ''vpea'' (indented string)",
      code: indentedVpea,
      findings: [modeInvalid('3:40-3:48', 'macvtap.mode "vpea" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "vepa"?', indentedVpeaFixed, VEPA_FIRST, 'Change to "vepa" (did you mean it?)')],
      fixAll: fixed(indentedVpeaFixed),
    },
    {
      name: 'comments between bindings, trailing comment on the link line',
      code: comments,
      findings: [modeMissing('3:4-3:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', commentsFixed)],
      fixAll: fixed(commentsFixed),
    },
    {
      name: 'block comment after the link binding',
      code: blockCommentAfterAnchor,
      findings: [modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', blockCommentAfterAnchorFixed)],
      fixAll: fixed(blockCommentAfterAnchorFixed),
    },
    {
      name: 'tab indentation, nested set',
      code: tabs,
      findings: [modeMissing('3:3-3:20', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', tabsFixed)],
      fixAll: fixed(tabsFixed),
    },
    {
      name: 'tab indentation, empty multi-line macvtap set',
      code: tabsEmptyNested,
      findings: [linkMissing('2:2-2:19', 'This interface has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('2:2-2:19', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', tabsEmptyNestedFixed)],
      fixAll: fixed(tabsEmptyNestedFixed),
    },
    {
      name: 'tab indentation, dotted link',
      code: tabsDotted,
      findings: [modeMissing('2:2-2:19', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', tabsDottedFixed)],
      fixAll: fixed(tabsDottedFixed),
    },
    {
      name: 'CRLF line endings, dotted link',
      code: crlfDotted,
      findings: [modeMissing('3:4-3:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', crlfDottedFixed)],
      fixAll: fixed(crlfDottedFixed),
    },
    {
      name: 'CRLF line endings, empty multi-line macvtap set',
      code: crlfEmptyNested,
      findings: [linkMissing('2:4-2:21', 'This interface has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('2:4-2:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', crlfEmptyNestedFixed)],
      fixAll: fixed(crlfEmptyNestedFixed),
    },
    {
      name: 'CRLF line endings, macvtap set holding only a comment',
      code: crlfNestedComment,
      findings: [linkMissing('2:4-2:21', 'This interface has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.'), modeMissing('2:4-2:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', crlfNestedCommentFixed)],
      fixAll: fixed(crlfNestedCommentFixed),
    },
    {
      name: 'lone CR line endings',
      code: loneCr,
      findings: [modeMissing('2:4-2:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', loneCrFixed)],
      fixAll: fixed(loneCrFixed),
    },
    {
      name: 'emoji before the type binding (UTF-16 columns)',
      code: nonAscii,
      findings: [modeMissing('2:36-2:53', 'Interface "vm-é" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', nonAsciiFixed)],
      fixAll: fixed(nonAsciiFixed),
    },
    {
      name: 'non-ASCII id and comments, several bindings on one line',
      code: nonAsciiMultiLine,
      findings: [modeMissing('3:20-3:37', 'Interface "vm-café" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', nonAsciiMultiLineFixed)],
      fixAll: fixed(nonAsciiMultiLineFixed),
    },
    {
      name: 'stray = in another binding',
      code: strayEquals,
      findings: [modeMissing('3:4-3:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', strayEqualsFixed)],
      fixAll: fixed(strayEqualsFixed),
    },
    {
      name: 'unclosed let in another binding',
      code: unclosedLet,
      findings: [modeMissing('3:4-3:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', unclosedLetFixed)],
      fixAll: fixed(unclosedLetFixed),
    },
    {
      name: 'trailing comma in lambda formals',
      code: trailingCommaFormals,
      findings: [modeMissing('3:4-3:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', trailingCommaFormalsFixed)],
      fixAll: fixed(trailingCommaFormalsFixed),
    },
    {
      name: 'type binding last, link before it',
      code: typeLast,
      findings: [modeMissing('6:6-6:23', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', typeLastFixed)],
      fixAll: fixed(typeLastFixed),
    },
    {
      name: 'closing brace on the link line',
      code: braceOnAnchorLine,
      findings: [modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', braceOnAnchorLineFixed)],
      fixAll: fixed(braceOnAnchorLineFixed),
    },
    {
      name: 'another binding after link on the same line',
      code: bindingAfterAnchorOnLine,
      findings: [modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', bindingAfterAnchorOnLineFixed)],
      fixAll: fixed(bindingAfterAnchorOnLineFixed),
    },
    {
      name: 'with lib; optional',
      code: withLib,
      findings: [modeMissing('3:4-3:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', withLibFixed)],
      fixAll: fixed(withLibFixed),
    },
    {
      name: 'preferred mode bridge, nested set',
      code: preferBridgeNested,
      options: { preferredMode: 'bridge' },
      findings: [modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', preferBridgeNestedFixed, BRIDGE_FIRST)],
      fixAll: fixed(preferBridgeNestedFixed, 'bridge'),
    },
    {
      name: 'preferred mode bridge, mode = null',
      code: preferBridgeNull,
      options: { preferredMode: 'bridge' },
      findings: [modeNull('0:83-0:87', 'This interface sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) or evaluation fails (since 2024-11). Set one of vepa, bridge, private, passthru, source.', preferBridgeNullFixed, BRIDGE_FIRST)],
      fixAll: fixed(preferBridgeNullFixed, 'bridge'),
    },
    {
      name: 'preferred mode bridge, mode "foo" without suggestion',
      code: fooMode,
      options: { preferredMode: 'bridge' },
      findings: [modeInvalid('0:96-0:101', 'macvtap.mode "foo" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it and `ip link` cannot create the device.', fooModeFixed, BRIDGE_FIRST)],
      fixAll: fixed(fooModeFixed, 'bridge'),
    },
    {
      name: 'preferred mode bridge, a suggestion wins',
      code: vpea,
      options: { preferredMode: 'bridge' },
      findings: [modeInvalid('5:19-5:25', 'macvtap.mode "vpea" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "vepa"?', vpeaFixed, VEPA_FIRST, 'Change to "vepa" (did you mean it?)')],
      fixAll: fixed(vpeaFixed),
    },
    {
      name: 'nested set with mode but no link',
      code: nestedModeNoLink,
      findings: [linkMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.')],
    },
    {
      name: 'two one-line sets on the same line',
      code: twoSetsOneLine,
      findings: [modeMissing('0:27-0:44', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', twoSetsOneLineFirstFixed), modeMissing('0:72-0:89', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', twoSetsOneLineSecondFixed)],
      fixAll: twoSetsOneLine.replace('"eth0";', '"eth0"; macvtap.mode = "vepa";').replace('"eth1";', '"eth1"; macvtap.mode = "vepa";'),
    },
    {
      name: 'mode "bridge " with a trailing space',
      code: modeTrailingSpace,
      findings: [modeInvalid('0:83-0:92', 'macvtap.mode "bridge " is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "bridge"?', modeTrailingSpaceFixed, BRIDGE_FIRST, 'Change to "bridge" (did you mean it?)')],
      fixAll: fixed(modeTrailingSpaceFixed, 'bridge'),
    },
    {
      name: 'parenthesized null mode',
      code: parenthesizedNull,
      findings: [modeNull('3:38-3:44', 'This interface sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) or evaluation fails (since 2024-11). Set one of vepa, bridge, private, passthru, source.', parenthesizedNullFixed)],
      fixAll: fixed(parenthesizedNullFixed),
    },
    {
      name: 'multi-line macvtap set with link on the opening brace line',
      code: nestedLinkOnBraceLine,
      findings: [modeMissing('2:4-2:21', 'This interface has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', nestedLinkOnBraceLineFixed)],
      fixAll: fixed(nestedLinkOnBraceLineFixed),
    },
    {
      name: 'link value on the next line',
      code: linkValueOnNextLine,
      findings: [modeMissing('2:4-2:21', 'Interface "vm-a" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.', linkValueOnNextLineFixed)],
      fixAll: fixed(linkValueOnNextLineFixed),
    },
  ],
};
