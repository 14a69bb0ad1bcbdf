/**
 * Generated Nix for the benchmark. Everything is deterministic (seeded PRNG),
 * so figures from two runs or two machines measure the same input. Every
 * generated text is meant to be valid Nix: the bench checks that with
 * `nix-instantiate --parse` when it is installed, because a file Nix rejects
 * would make the comparison with Nix's parser meaningless.
 */

/** mulberry32: tiny, seedable, good enough to vary shapes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');

const hex2 = (n: number) => (n & 0xff).toString(16).padStart(2, '0');
/** Locally administered, unique per counter value (duplicates would be a different finding). */
const mac = (n: number) => `02:00:${hex2(n >> 24)}:${hex2(n >> 16)}:${hex2(n >> 8)}:${hex2(n)}`;

const MODES = ['bridge', 'vepa', 'private', 'passthru'];
const VM_NAMES = ['web', 'db', 'ci', 'cache', 'mail', 'dns', 'proxy', 'git', 'matrix', 'backup', 'monitor', 'build'];

type Shape = 'nested' | 'dotted' | 'no-mode' | 'typo' | 'tap' | 'bridge';

function randomShape(r: Rand): Shape {
  const x = r();
  return x < 0.3 ? 'nested' : x < 0.5 ? 'dotted' : x < 0.6 ? 'no-mode' : x < 0.65 ? 'typo' : x < 0.85 ? 'tap' : 'bridge';
}

/**
 * One interface in the shapes people write. Most are fine; a few have the
 * mistakes the rules exist for, so the analysis produces findings and fixes
 * (the work the server really does) rather than running on clean input only.
 */
function iface(r: Rand, vm: string, n: number, uplink: string, shape = randomShape(r)): string {
  const id = `vm-${vm}${n > 0 ? `-${n}` : ''}`;
  const m = mac(int(r, 0, 0xffffff) * 16 + n);
  if (shape === 'nested') {
    return `{
  type = "macvtap";
  id = "${id}";
  mac = "${m}";
  macvtap = {
    link = ${uplink};
    mode = "${pick(r, MODES)}";
  };
}`;
  }
  if (shape === 'dotted') {
    return `{
  type = "macvtap";
  id = "${id}";
  mac = "${m}";
  macvtap.link = ${uplink};
  macvtap.mode = "${pick(r, MODES)}";
}`;
  }
  if (shape === 'no-mode') {
    // The mistake microvm.nix does not catch at build time: no mode at all.
    return `{
  # TODO: pick a macvtap mode
  type = "macvtap";
  id = "${id}";
  mac = "${m}";
  macvtap.link = ${uplink};
}`;
  }
  if (shape === 'typo') {
    return `{ type = "macvtap"; id = "${id}"; mac = "${m}"; macvtap = { link = ${uplink}; mode = "brigde"; }; }`;
  }
  if (shape === 'tap') return `{ type = "tap"; id = "${id}"; mac = "${m}"; }`;
  return `{
  type = "bridge";
  id = "${id}";
  mac = "${m}";
  bridge = "br0";
}`;
}

/** With `missingMode`, the first interface is a macvtap one without a mode. */
function vm(r: Rand, name: string, uplink: string, missingMode = false): string {
  const ifaces = Array.from({ length: int(r, 1, 3) }, (_, n) => iface(r, name, n, uplink, missingMode && n === 0 ? 'no-mode' : undefined));
  return `${name} = {
  # ${name}: ${pick(r, ['public facing', 'internal only', 'talks to the LAN directly', 'isolated from other guests'])}
  autostart = ${r() < 0.7};
  config = { config, pkgs, ... }: {
    microvm = {
      hypervisor = "${pick(r, ['qemu', 'cloud-hypervisor', 'firecracker'])}";
      vcpu = ${int(r, 1, 8)};
      mem = ${pick(r, [512, 1024, 2048, 4096])};
      interfaces = [
${indent(ifaces.join('\n'), '        ')}
      ];
      shares = [{
        proto = "virtiofs";
        tag = "ro-store";
        source = "/nix/store";
        mountPoint = "/nix/.ro-store";
      }];
      volumes = [ { image = "${name}-var.img"; mountPoint = "/var"; size = ${int(r, 1, 16) * 1024}; } ];
    };
    networking.hostName = "${name}";
    services.openssh.enable = true;
    users.users.root.openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${name} admin" ];
    system.stateVersion = "24.11";
  };
};`;
}

/**
 * The host's body (an attribute set), `lines` long or a little more. With
 * `mistake`, the second VM surely has a finding, whatever the seed gives.
 */
function hostBody(r: Rand, host: string, lines: number, mistake = false): string {
  const uplink = pick(r, ['"enp3s0"', '"eno1"', 'uplink']);
  const head = `{
  imports = [ ./hardware-configuration.nix ];

  networking.hostName = "${host}";
  networking.useNetworkd = true;
  systemd.network.networks."10-uplink" = {
    matchConfig.Name = uplink;
    networkConfig.DHCP = "yes";
    # Let the guests on macvtap reach the host through the switch.
    linkConfig.RequiredForOnline = "routable";
  };

  microvm.host.enable = true;
`;
  const tail = `
  services.openssh = {
    enable = true;
    settings.PasswordAuthentication = false;
  };
  environment.systemPackages = with pkgs; [ htop tcpdump iproute2 ];
  /* Bump only after reading the release notes. */
  system.stateVersion = "24.11";
}`;
  const vms: string[] = [];
  const count = () => head.split('\n').length + tail.split('\n').length + 2 + vms.join('\n').split('\n').length;
  for (let i = 0; vms.length === 0 || count() < lines; i++) {
    const name = VM_NAMES[i % VM_NAMES.length] + (i >= VM_NAMES.length ? String(Math.floor(i / VM_NAMES.length)) : '');
    vms.push(vm(r, name, uplink, mistake && i === 1));
  }
  return `${head}  microvm.vms = {\n${indent(vms.join('\n'), '    ')}\n  };\n${tail}`;
}

/**
 * A MicroVM.nix host module, about `lines` lines (default 200). The editor
 * benchmarks want `mistake`: a document being edited has something to report.
 */
export function hostConfig(seed = 1, lines = 200, mistake = true): string {
  const r = rng(seed);
  return `# Host "hv-${seed}": runs MicroVM.nix guests on macvtap, tap and bridge interfaces.
# Generated by bench/corpus.ts.
{ config, lib, pkgs, ... }:
let
  uplink = "enp3s0";
in
${hostBody(r, `hv-${seed}`, lines - 6, mistake)}
`;
}

/**
 * One file of at least `bytes`: host configurations as values of one big
 * attribute set, the way a flake collects hosts (each still a module function).
 */
export function bigConfig(bytes = 1 << 20, seed = 1000): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const r = rng(seed + i);
    const part = `# Host ${i}\n"hv-${i}" = { config, lib, pkgs, ... }:\nlet\n  uplink = "eth${i % 4}";\nin\n${hostBody(r, `hv-${i}`, int(r, 80, 240))};\n`;
    parts.push(indent(part, '    '));
    size += parts[parts.length - 1].length + 1;
  }
  return `# ${parts.length} hosts in one attribute set. Generated by bench/corpus.ts.
{ lib, ... }:
{
  hosts = {
${parts.join('\n')}
  };
}
`;
}

// ---------------------------------------------------------------------------
// Workspace: home-manager-like modules (options + config), their tests, and a
// few MicroVM.nix hosts. Only those hosts mention macvtap.

const PROGRAMS = [
  'alacritty', 'bat', 'btop', 'direnv', 'eza', 'fish', 'fzf', 'git', 'gpg', 'helix', 'htop', 'jq', 'kitty', 'lf',
  'mpv', 'neovim', 'nushell', 'rofi', 'ssh', 'starship', 'tmux', 'waybar', 'zathura', 'zellij', 'zoxide', 'zsh',
];
const OPTION_TYPES = ['types.bool', 'types.str', 'types.int', '(types.listOf types.str)', '(types.attrsOf types.anything)', '(types.nullOr types.path)'];
const WORDS = ['colour', 'theme', 'font', 'keybinding', 'history', 'cache', 'socket', 'timeout', 'editor', 'pager', 'plugin', 'shell'];

function option(r: Rand, name: string): string {
  const type = pick(r, OPTION_TYPES);
  const def = type === 'types.bool' ? String(r() < 0.5) : type === 'types.int' ? String(int(r, 0, 5000)) : type.includes('listOf') ? '[ ]' : type.includes('attrsOf') ? '{ }' : type.includes('nullOr') ? 'null' : `"${pick(r, WORDS)}"`;
  return `${name} = mkOption {
  type = ${type};
  default = ${def};
  example = literalExpression ''
    {
      ${pick(r, WORDS)} = "${pick(r, WORDS)}";
    }
  '';
  description = ''
    Which ${pick(r, WORDS)} to use for the ${pick(r, WORDS)}. See
    <https://example.org/docs/${name}> for the accepted values.
  '';
};`;
}

function programModule(r: Rand, prog: string): string {
  const names = Array.from({ length: int(r, 1, 8) }, (_, i) => `${pick(r, WORDS)}${i}`);
  const nixfmt = r() < 0.4; // nixfmt-rfc-style writes one formal per line
  const formals = nixfmt ? '{\n  config,\n  lib,\n  pkgs,\n  ...\n}:' : '{ config, lib, pkgs, ... }:';
  return `${formals}

with lib;

let

  cfg = config.programs.${prog};

  settingsFormat = pkgs.formats.toml { };

in {
  meta.maintainers = [ maintainers.${pick(r, ['rycee', 'alice', 'bob', 'carol'])} ];

  options.programs.${prog} = {
    enable = mkEnableOption "${prog}";

    package = mkPackageOption pkgs "${prog}" { };

    settings = mkOption {
      inherit (settingsFormat) type;
      default = { };
      description = "Configuration written to {file}\`$XDG_CONFIG_HOME/${prog}/config.toml\`.";
    };

${indent(names.map((n) => option(r, n)).join('\n\n'), '    ')}
  };

  config = mkIf cfg.enable {
    home.packages = [ cfg.package ];

    xdg.configFile."${prog}/config.toml" = mkIf (cfg.settings != { }) {
      source = settingsFormat.generate "${prog}-config" cfg.settings;
    };

    home.sessionVariables = optionalAttrs cfg.${names[0]} or false {
      ${prog.toUpperCase()}_HOME = "\${config.xdg.dataHome}/${prog}";
    };

    # Keep the shell integrations in step with the enabled shells.
    programs.bash.initExtra = mkIf config.programs.bash.enable ''
      eval "$(\${getExe cfg.package} init bash)"
    '';
  };
}
`;
}

function serviceModule(r: Rand, svc: string): string {
  return `{ config, lib, pkgs, ... }:

let
  inherit (lib) mkEnableOption mkIf mkOption types;
  cfg = config.services.${svc};
in
{
  options.services.${svc} = {
    enable = mkEnableOption "the ${svc} user service";
    extraArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--verbose" ];
      description = "Extra arguments passed to ${svc}.";
    };
  };

  config = mkIf cfg.enable {
    assertions = [
      (lib.hm.assertions.assertPlatform "services.${svc}" pkgs lib.platforms.linux)
    ];

    systemd.user.services.${svc} = {
      Unit = {
        Description = "${svc} daemon";
        PartOf = [ "graphical-session.target" ];
      };
      Service = {
        ExecStart = "\${pkgs.${svc}}/bin/${svc} \${lib.escapeShellArgs cfg.extraArgs}";
        Restart = "on-failure";
        RestartSec = ${int(r, 1, 10)};
      };
      Install.WantedBy = [ "graphical-session.target" ];
    };
  };
}
`;
}

function testCase(r: Rand, prog: string): string {
  return `{ config, ... }:

{
  programs.${prog} = {
    enable = true;
    package = config.lib.test.mkStubPackage { };
    settings = {
      ${pick(r, WORDS)} = "${pick(r, WORDS)}";
      ${pick(r, WORDS)}_size = ${int(r, 1, 99)};
    };
  };

  nmt.script = ''
    assertFileExists home-files/.config/${prog}/config.toml
    assertFileContent home-files/.config/${prog}/config.toml \\
      \${./${prog}-expected.toml}
  '';
}
`;
}

export interface WorkspaceFile {
  path: string;
  text: string;
}

/**
 * About `count` files laid out like home-manager (modules/programs,
 * modules/services, tests/modules) plus `hosts/` with MicroVM.nix hosts,
 * roughly 1 in 40 files: those are the only ones the linter has to parse.
 */
export function workspace(count = 3500, seed = 7): WorkspaceFile[] {
  const r = rng(seed);
  const files: WorkspaceFile[] = [];
  for (let i = 0; files.length < count; i++) {
    const prog = `${pick(r, PROGRAMS)}${i}`;
    const roll = r();
    if (roll < 0.025) files.push({ path: `hosts/hv-${i}/default.nix`, text: hostConfig(seed * 10000 + i, int(r, 60, 200), false) });
    else if (roll < 0.4) files.push({ path: `modules/programs/${prog}.nix`, text: programModule(r, prog) });
    else if (roll < 0.55) files.push({ path: `modules/services/${prog}.nix`, text: serviceModule(r, prog) });
    else files.push({ path: `tests/modules/programs/${prog}/${pick(r, ['basic', 'empty-settings', 'with-package'])}.nix`, text: testCase(r, prog) });
  }
  return files;
}

/**
 * `count` files that all declare MicroVM interfaces (hosts of about 40 to
 * 120 lines): the CLI's pre-filter can skip none of them, so this measures
 * parsing and analysis of every file.
 */
export function interfaceWorkspace(count = 3500, seed = 11): WorkspaceFile[] {
  const r = rng(seed);
  const files: WorkspaceFile[] = [];
  for (let i = 0; i < count; i++) files.push({ path: `hosts/hv-${i}.nix`, text: hostConfig(seed * 100000 + i, int(r, 40, 120), r() < 0.1) });
  return files;
}
