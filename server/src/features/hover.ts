/**
 * Hovers that teach: on an interface's `type`, its `macvtap`/`mode`/`link`
 * keys and mode values, explain what the kernel and microvm.nix do, and
 * show the interface's settings as this file declares them.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import {
  INTERFACE_TYPES,
  MACVTAP_MODES,
  MICROVM_MACVTAP_BEHAVIOUR,
  MODE_DOCS,
  TYPE_DOCS,
  type InterfaceType,
  type MacvtapMode,
} from '../knowledge/macvtapModes';
import { idBytes, MAX_ID_BYTES } from '../knowledge/interfaceIds';
import { parseMac } from '../knowledge/mac';
import type { InterfaceDecl, Lookup } from '../model';
import type { Analysis } from '../rules/analyze';
import { isMacvtapMode } from '../rules/options';
import { toRange } from './convert';
import { targetAt, type CursorTarget } from './cursor';

export function hover(analysis: Analysis, offset: number): Hover | null {
  const target = targetAt(analysis.model, offset);
  const value = target ? hoverMarkdown(target, analysis) : undefined;
  if (target && value) return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(analysis.lines, target.span) };
  // Anywhere else on a missing/invalid-mode squiggle: what the fix needs, the modes to choose from.
  const squiggle = analysis.findings.find((f) => MODE_CODES.has(f.code) && f.span.start <= offset && offset <= f.span.end);
  if (!squiggle) return null;
  return { contents: { kind: MarkupKind.Markdown, value: chooseModeDoc() }, range: toRange(analysis.lines, squiggle.span) };
}

const MODE_CODES = new Set(['macvtap-mode-missing', 'macvtap-mode-invalid']);

/** The markdown for a cursor target, or undefined when there is nothing to teach there. */
function hoverMarkdown(t: CursorTarget, analysis: Analysis): string | undefined {
  const key = t.path.join('.');
  if (key === 'type') return t.iface.type === undefined ? undefined : typeDoc(t.iface);
  if (key === 'id') return idDoc(t.iface);
  if (key === 'mac') return macDoc(t.iface, analysis);
  if (t.iface.type !== 'macvtap') return undefined;
  if (key === 'macvtap') return section('`macvtap`: macvtap settings', MICROVM_MACVTAP_BEHAVIOUR, t.iface);
  if (key === 'macvtap.link') {
    return section('`macvtap.link`: parent host interface', 'The host interface the macvtap device is created on (`ip link add link LINK ...`), such as `eth0` or a bond/VLAN. The VM appears on that network.', t.iface);
  }
  if (key === 'macvtap.mode') {
    if (t.part === 'value' && t.binding.value.kind === 'string' && isMacvtapMode(t.binding.value.value)) {
      return modeDoc(t.binding.value.value, t.iface);
    }
    return section('`macvtap.mode`: how frames are switched', `How the kernel switches frames between this macvtap, its parent and the other macvtaps on that parent.\n\n${modeTable()}`, t.iface);
  }
  return undefined;
}

/** A macvtap interface without a usable mode: the five modes, one line each, before the user opens the lightbulb. */
function chooseModeDoc(): string {
  return `**Choose a macvtap mode**\n\nmicrovm.nix has no default mode. \`vepa\` is the kernel's default; \`bridge\` is the usual choice when VMs on one host talk to each other.\n\n${modeList()}`;
}

function modeList(): string {
  return MACVTAP_MODES.map((m) => `- \`${m}\`: ${MODE_DOCS[m].summary}`).join('\n');
}

function idDoc(iface: InterfaceDecl): string | undefined {
  const v = iface.id.found === 'binding' ? iface.id.value : undefined;
  if (v?.kind !== 'string') return undefined;
  const bytes = idBytes(v.value);
  const verdict = bytes <= MAX_ID_BYTES ? 'fits' : `is **${bytes - MAX_ID_BYTES} too long**`;
  return section(
    `\`id\`: host interface name`,
    `The name of the VM's device on the host (\`ip link\`, \`ip tuntap\`). \`${escapeCode(v.value)}\` is **${bytes} of ${MAX_ID_BYTES} bytes** and ${verdict}: Linux interface names (IFNAMSIZ) and microvm.nix's assertion allow at most ${MAX_ID_BYTES} bytes, counted in UTF-8.`,
    iface,
  );
}

function macDoc(iface: InterfaceDecl, analysis: Analysis): string | undefined {
  const v = iface.mac.found === 'binding' ? iface.mac.value : undefined;
  if (v?.kind !== 'string') return undefined;
  const parsed = parseMac(v.value);
  if (!parsed) {
    return section('`mac`: MAC address', `\`${escapeCode(v.value)}\` is not a MAC address: write six hex octets separated by colons, such as \`02:00:00:00:00:01\`.`, iface);
  }
  const lines = [
    `**${parsed.canonical}**${parsed.notation === 'colons' ? '' : ` (written with ${parsed.notation}; microvm.nix passes the text to \`ip link\` as it is, which wants colons)`}`,
    '',
    `- ${parsed.multicast ? '**multicast** (first octet odd): not usable as an interface address' : 'unicast'}`,
    `- ${parsed.local ? 'locally administered (second hex digit 2, 6, A or E): yours to assign' : '**universally administered**: this range belongs to a hardware vendor'}`,
  ];
  const others = analysis.model.interfaces.filter((o) => o !== iface && o.mac.found === 'binding' && o.mac.value.kind === 'string' && parseMac(o.mac.value.value)?.canonical === parsed.canonical);
  if (others.length > 0) {
    lines.push('', '**Also used in this file:**');
    for (const o of others) {
      const p = analysis.lines.positionAt((o.mac as { binding: { span: { start: number } } }).binding.span.start);
      lines.push(`- line ${p.line + 1}${idOf(o) ? `, interface \`${escapeCode(idOf(o)!)}\`` : ''}`);
    }
  }
  lines.push('', 'The hypervisor gives the VM this MAC and, for macvtap, the host device is created with it: it is the single source of truth for the interface.');
  return section('`mac`: MAC address', lines.join('\n'), iface);
}

const escapeCode = (s: string) => s.replace(/`/g, "'");

function idOf(i: InterfaceDecl): string | undefined {
  return i.id.found === 'binding' && i.id.value.kind === 'string' ? i.id.value.value : undefined;
}

function typeDoc(iface: InterfaceDecl): string {
  const known = (INTERFACE_TYPES as readonly string[]).includes(iface.type ?? '');
  const body = known ? TYPE_DOCS[iface.type as InterfaceType] : `\`${iface.type}\` is not an interface type of microvm.nix (${INTERFACE_TYPES.join(', ')}).`;
  if (iface.type !== 'macvtap') return section(`MicroVM interface type \`${iface.type}\``, body, iface);
  const mode = iface.mode.found === 'binding' ? iface.mode.value : undefined;
  const needsMode = (iface.mode.found === 'absent' && !iface.open) || mode?.kind === 'null' || (mode?.kind === 'string' && !isMacvtapMode(mode.value));
  const choose = needsMode ? `\n\n**Choose a mode** (microvm.nix has none by default):\n\n${modeList()}` : '';
  return section('`type = "macvtap"`: MicroVM macvtap interface', `${body}${choose}\n\n${MICROVM_MACVTAP_BEHAVIOUR}`, iface);
}

function modeDoc(mode: MacvtapMode, iface: InterfaceDecl): string {
  return section(`macvtap mode \`${mode}\``, modeMarkdown(mode), iface);
}

/** What one mode does, as hovers and completion items show it. */
export function modeMarkdown(mode: MacvtapMode): string {
  const d = MODE_DOCS[mode];
  return `${d.summary}\n\n**In the kernel:** ${d.kernel}\n\n**Use it when:** ${d.useWhen}`;
}

function modeTable(): string {
  return ['| mode | |', '|---|---|', ...MACVTAP_MODES.map((m) => `| \`${m}\` | ${MODE_DOCS[m].summary} |`)].join('\n');
}

function section(title: string, body: string, iface: InterfaceDecl): string {
  return `**${title}**\n\n${body}\n\n---\n\n${settingsTable(iface)}`;
}

/** The interface as this file declares it. */
function settingsTable(iface: InterfaceDecl): string {
  const rows: [string, Lookup][] = [
    ['id', iface.id],
    ['mac', iface.mac],
    ...(iface.type === 'macvtap' ? ([['macvtap.link', iface.link], ['macvtap.mode', iface.mode]] as [string, Lookup][]) : []),
    ...(iface.type === 'bridge' ? ([['bridge', iface.bridge]] as [string, Lookup][]) : []),
  ];
  const type = iface.typeBinding ? { found: 'binding' as const, binding: iface.typeBinding, value: iface.typeBinding.value, via: iface.set } : { found: 'absent' as const };
  const shown = [['type', type] as [string, Lookup], ...rows].map(([name, l]) => `| \`${name}\` | ${describe(l, iface.open)} |`);
  const vm = iface.vm.name ? ` (VM \`${escapeCode(iface.vm.name)}\`${hypervisorNote(iface)})` : hypervisorNote(iface) ? ` (${hypervisorNote(iface).slice(2)})` : '';
  return [`**This interface**${vm}`, '', '| setting | value |', '|---|---|', ...shown].join('\n');
}

function hypervisorNote(iface: InterfaceDecl): string {
  const h = iface.vm.hypervisor;
  return h.kind === 'literal' ? `, hypervisor \`${escapeCode(h.value)}\`` : '';
}

function describe(l: Lookup, open: boolean): string {
  if (l.found === 'absent') return open ? '*may come from a merged set*' : '**not set**';
  if (l.found === 'unknown') return '*set elsewhere (not a literal)*';
  const v = l.value;
  if (v.kind === 'string') return '`' + JSON.stringify(v.value).replace(/\|/g, '\\|') + '`';
  if (v.kind === 'null') return '`null`';
  return '*computed*';
}
