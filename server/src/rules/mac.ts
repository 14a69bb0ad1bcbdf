/**
 * MAC address rules. The MAC declared on an interface is the single source
 * of truth: microvm.nix hands it to the hypervisor and, for macvtap, to
 * `ip link add ... address`. So it must be a MAC (six hex octets with
 * colons), unicast, preferably locally administered, unique in the file,
 * and not changed again inside the guest. Only literal strings are judged:
 * an interpolated, inherited or computed MAC is unknown, never wrong, and a
 * set merged with `//` may get its MAC from elsewhere.
 */
import { colons, generateMac, NOTATION_NAMES, parseMac, whyNotMac, type ParsedMac } from '../knowledge/mac';
import { together, type InterfaceDecl, type Model, type Span } from '../model';
import { removeBinding } from './layout';
import { fileLabel, listOf } from './names';
import { defineRule, type Fix, type RuleContext } from './rule';
import { idSource, sameInterface, type ExternalInterface, type WorkspaceContext } from './workspaceContext';

/** An interface whose `mac` is a literal string, with what that string says. */
interface LiteralMac {
  i: InterfaceDecl;
  /** The string with its quotes: what the diagnostics mark. */
  span: Span;
  /** Between the quotes: what the fixes replace. */
  content: Span;
  text: string;
  /** Undefined when the text is no MAC in any notation. */
  parsed?: ParsedMac;
}

/** Per model: its literal MACs, duplicate groups and the MAC each fix would generate. */
interface MacFacts {
  /** Literal MACs the rules judge, in source order: not in a set merged with `//`. */
  judged: LiteralMac[];
  /** Judged MACs that other interfaces declare too, with those others. */
  sharedWith: Map<LiteralMac, LiteralMac[]>;
  /** Judged MACs that interfaces in other files declare too (from the workspace index), with those. */
  external: Map<LiteralMac, readonly ExternalInterface[]>;
  /** The MAC the generate fix writes, for those that need a new one and have a seed. */
  generated: Map<LiteralMac, string>;
}

const factsByModel = new WeakMap<Model, { workspace?: WorkspaceContext; facts: MacFacts }>();

function macFacts(ctx: Pick<RuleContext, 'model' | 'workspace' | 'text'>): MacFacts {
  let known = factsByModel.get(ctx.model);
  if (!known || known.workspace !== ctx.workspace) {
    known = { workspace: ctx.workspace, facts: computeFacts(ctx.model, ctx.workspace, ctx.text) };
    factsByModel.set(ctx.model, known);
  }
  return known.facts;
}

function computeFacts(model: Model, workspace: WorkspaceContext | undefined, text: string): MacFacts {
  const all: LiteralMac[] = [];
  for (const i of model.interfaces) {
    const value = i.mac.found === 'binding' ? i.mac.value : undefined;
    if (value?.kind !== 'string') continue;
    all.push({ i, span: value.span, content: value.content, text: value.value, parsed: parseMac(value.value) });
  }
  const judged = all.filter((m) => !m.i.open);
  const byMac = new Map<string, LiteralMac[]>();
  for (const m of judged) if (m.parsed) byMac.set(m.parsed.canonical, [...(byMac.get(m.parsed.canonical) ?? []), m]);
  const sharedWith = new Map<LiteralMac, LiteralMac[]>();
  for (const group of byMac.values()) {
    for (const m of group) {
      // Variants of one interface, or interfaces in exclusive branches (`if`/`else`, `optional c` and `optional (!c)`), are never there at once.
      const others = group.filter((o) => identity(o) !== identity(m) && together(o.i, m.i));
      if (others.length > 0) sharedWith.set(m, others);
    }
  }
  const external = new Map<LiteralMac, readonly ExternalInterface[]>();
  for (const m of judged) {
    const elsewhere = m.parsed && workspace?.macs.get(m.parsed.canonical)?.filter((e) => !sameInterface(idFacts(m.i, text), e));
    if (elsewhere && elsewhere.length > 0) external.set(m, elsewhere);
  }
  // One plan for the whole file, in source order, so that applying every
  // fix never makes two interfaces share a generated MAC either; variants
  // of one interface get the same one.
  const taken = new Set(all.flatMap((m) => (m.parsed ? [m.parsed.canonical] : [])));
  const planned = new Map<string | LiteralMac, string>();
  const generated = new Map<LiteralMac, string>();
  for (const m of judged) {
    const seed = seedOf(m.i);
    const wrong = m.parsed?.notation === 'colons' && (m.parsed.multicast || !m.parsed.local); // multicast, universal or zero
    const needsNew = wrong || sharedWith.has(m) || external.has(m);
    if (!needsNew || seed === undefined) continue;
    let mac = planned.get(identity(m));
    if (mac === undefined) {
      mac = generateMac(seed, taken).mac;
      taken.add(mac);
      planned.set(identity(m), mac);
    }
    generated.set(m, mac);
  }
  return { judged, sharedWith, external, generated };
}

/**
 * What identifies the interface across files (workspaceContext.ts's sameInterface): an
 * interface in another file with the same literal id (or the same id expression) and MAC is
 * taken for the same one. In one VM that is a variant; in two standalone files it is most
 * likely one guest written twice (a before/after copy, one guest for two hosts), and a copy
 * that kept both id and MAC clashes on its id where the host is known
 * (interface-id-duplicate). Not reported: no noise.
 */
function idFacts(i: InterfaceDecl, text: string): { id?: { value: string }; idText?: string } {
  if (i.id.found !== 'binding') return {};
  if (i.id.value.kind === 'string') return { id: { value: i.id.value.value } };
  // The same expression (`id = tapInterface;` in a copy of the file): as sure as the literal case.
  const idText = idSource(text, i.id.value.span);
  return idText !== undefined ? { idText } : {};
}

/**
 * Which interface a declaration stands for. A VM has one interface per id
 * (microvm.nix asserts it), so declarations with the same literal id in one
 * VM are variants of one interface (`if c then [ a ] else [ b ]`), not two
 * interfaces sharing a MAC.
 */
function identity(m: LiteralMac): string | LiteralMac {
  const { id, vm } = m.i;
  return id.found === 'binding' && id.value.kind === 'string' ? `${vm.key}\0${id.value.value}` : m;
}

/** The literal interface id, else the VM's name; neither: no stable seed. */
function seedOf(i: InterfaceDecl): string | undefined {
  if (i.id.found === 'binding' && i.id.value.kind === 'string' && i.id.value.value !== '') return i.id.value.value;
  return i.vm.name;
}

/** A MAC judged as written with colons (only those can be multicast or universal for us). */
const colonMacs = (ctx: RuleContext) => macFacts(ctx).judged.filter((m) => m.parsed?.notation === 'colons');

function generateFix(ctx: RuleContext, m: LiteralMac, preferred: boolean): Fix[] {
  const mac = macFacts(ctx).generated.get(m);
  if (mac === undefined) return [];
  return [{
    title: `Generate a stable locally administered MAC ("${mac}")`,
    edits: [{ start: m.content.start, end: m.content.end, newText: mac }],
    isPreferred: preferred,
  }];
}

/**
 * `interface "vm-b"`, `an interface of VM "b"` or `another interface`; the
 * VM is named too when it differs from the one of `from`.
 */
function describe(i: InterfaceDecl, from: InterfaceDecl): string {
  const vm = i.vm.key !== from.vm.key && i.vm.name !== undefined ? ` of VM "${i.vm.name}"` : '';
  if (i.id.found === 'binding' && i.id.value.kind === 'string') return `interface "${i.id.value.value}"${vm}`;
  return vm ? `an interface${vm}` : 'another interface';
}

const PASSED_ON = 'microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`';

export const macInvalid = defineRule({
  family: 'mac',
  code: 'mac-invalid',
  defaultSeverity: 'error',
  description: 'An interface\'s MAC is not six hex octets separated by colons, or is all zeros.',
  fixable: true,
  messages: {
    notation:
      `MAC "{{mac}}" is written with {{notation}}. ${PASSED_ON}; \`ip link\` and hypervisors such as cloud-hypervisor ` +
      'read only colon-separated octets, so the device is not created and the VM does not start. Write it as {{fixed}}.',
    notMac:
      `"{{mac}}" is not a MAC address ({{reason}}). ${PASSED_ON}, which reject it, so the VM does not start. ` +
      'Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.',
    zero:
      'MAC {{mac}} is the all-zero address, which stands for "no address": the kernel refuses it for an interface ' +
      '("Cannot assign requested address"), so the device is not created. Use a locally administered unicast MAC ' +
      '(second hex digit 2, 6, A or E).',
  },
  check(ctx, report) {
    for (const m of macFacts(ctx).judged) {
      if (m.parsed?.notation === 'colons') {
        if (m.parsed.zero) report({ span: m.span, messageId: 'zero', data: { mac: m.text }, fixes: generateFix(ctx, m, true) });
        continue;
      }
      if (!m.parsed) {
        report({ span: m.span, messageId: 'notMac', data: { mac: m.text, reason: whyNotMac(m.text) } });
        continue;
      }
      const fixed = colons(m.parsed.digits);
      report({
        span: m.span,
        messageId: 'notation',
        data: { mac: m.text, notation: NOTATION_NAMES[m.parsed.notation], fixed },
        fixes: [{ title: `Use colons: "${fixed}"`, edits: [{ start: m.content.start, end: m.content.end, newText: fixed }], isPreferred: true }],
      });
    }
  },
});

export const macMulticast = defineRule({
  family: 'mac',
  code: 'mac-multicast',
  defaultSeverity: 'error',
  description: 'An interface\'s MAC is a multicast address (its first octet is odd).',
  fixable: true,
  messages: {
    multicast:
      'MAC {{mac}} is a multicast address (first octet {{octet}} is odd), and no network card may have one: the kernel ' +
      'refuses it as an interface address ("Cannot assign requested address") and switches drop frames sent from it. ' +
      'Use a unicast MAC, best a locally administered one (second hex digit 2, 6, A or E).',
  },
  check(ctx, report) {
    for (const m of colonMacs(ctx)) {
      if (!m.parsed!.multicast) continue;
      const data = { mac: m.text, octet: m.text.slice(0, 2) };
      report({ span: m.span, messageId: 'multicast', data, fixes: generateFix(ctx, m, true) });
    }
  },
});

export const macNotLocal = defineRule({
  family: 'mac',
  code: 'mac-not-local',
  defaultSeverity: 'information',
  description: 'An interface\'s MAC is universally administered: it belongs to a vendor\'s address range.',
  fixable: true,
  messages: {
    universal:
      'MAC {{mac}} is universally administered (second hex digit {{digit}}): such addresses belong to vendors\' network ' +
      'cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second ' +
      'hex digit is 2, 6, A or E.',
  },
  check(ctx, report) {
    for (const m of colonMacs(ctx)) {
      if (m.parsed!.multicast || m.parsed!.local || m.parsed!.zero) continue;
      // Not preferred: a vendor MAC may be deliberate (a DHCP reservation); fix-all and fix-on-save must not change it.
      report({ span: m.span, messageId: 'universal', data: { mac: m.text, digit: m.text[1] }, fixes: generateFix(ctx, m, false) });
    }
  },
});

export const macDuplicate = defineRule({
  family: 'mac',
  code: 'mac-duplicate',
  defaultSeverity: 'error',
  description: 'The same MAC is declared on more than one interface.',
  fixable: true,
  messages: {
    duplicate:
      'MAC {{mac}} is also declared on {{others}}. Interfaces that share a MAC steal each other\'s traffic: switches, ' +
      'bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.',
  },
  check(ctx, report) {
    const facts = macFacts(ctx);
    for (const m of facts.judged) {
      const others = facts.sharedWith.get(m) ?? [];
      const elsewhere = facts.external.get(m) ?? [];
      if (others.length === 0 && elsewhere.length === 0) continue;
      const names = [...others.map((o) => describe(o.i, m.i)), ...elsewhere.map(describeExternal)];
      report({
        span: m.span,
        messageId: 'duplicate',
        data: { mac: m.parsed!.canonical, others: listOf([...new Set(names)]) },
        related: [
          ...others.map((o) => ({ span: o.span, message: relatedMessage(o.i, m.i) })),
          ...elsewhere.map((e) => ({ uri: e.uri, range: e.mac!.range, message: `also used by ${describeExternal(e)}` })),
        ],
        // Not preferred: fix-all must not give every copy a new MAC.
        fixes: generateFix(ctx, m, false),
      });
    }
  },
});

/** `interface "vm-b" of VM "b" in b.nix`. */
export function describeExternal(e: ExternalInterface): string {
  const vm = e.owner.name !== undefined ? ` of VM "${e.owner.name}"` : '';
  return `${e.id ? `interface "${e.id.value}"` : 'an interface'}${vm} in ${fileLabel(e.uri)}`;
}

function relatedMessage(i: InterfaceDecl, from: InterfaceDecl): string {
  const who = describe(i, from);
  return who === 'another interface' ? 'also used here' : `also used by ${who}`;
}

export const guestMacOverride = defineRule({
  family: 'mac',
  code: 'guest-mac-override',
  defaultSeverity: 'warning',
  description: 'A VM that declares its interfaces also changes a MAC inside the guest.',
  fixable: true,
  messages: {
    option:
      '`{{what}}` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the ' +
      'host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and ' +
      'bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and ' +
      'remove this setting.',
    command:
      '`{{what}}` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and ' +
      'the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network. Declare ' +
      'the MAC in microvm.interfaces and drop this command.',
  },
  check(ctx, report) {
    // Only interfaces found in `microvm.interfaces` say which config is a VM's:
    // the owner of a set recognised by its shape alone is a guess.
    const vms = new Set(ctx.model.interfaces.filter((i) => i.by === 'place').map((i) => i.vm.key));
    // Or in another file: a module of the VM's config, or the guest file a host imports (workspace/links.ts).
    const elsewhere = ctx.workspace?.declaredElsewhere ?? {};
    for (const setter of ctx.model.macSetters) {
      const other = vms.has(setter.owner) ? undefined : elsewhere[setter.owner];
      if (!vms.has(setter.owner) && !other) continue;
      const related = other ? [{ uri: other.uri, range: other.range, message: `the VM's interfaces are declared in ${fileLabel(other.uri)}` }] : undefined;
      const { binding } = setter;
      if (!binding) {
        report({ span: setter.span, messageId: 'command', data: { what: setter.what }, ...(related ? { related } : {}) });
        continue;
      }
      // A comment inside the binding would go with it: no fix then.
      const fixes: Fix[] = /#|\/\*/.test(ctx.text.slice(binding.start, binding.end))
        ? []
        : [{ title: 'Remove the guest-side MAC override', edits: [removeBinding(ctx.lines, binding)], isPreferred: true }];
      report({ span: setter.span, messageId: 'option', data: { what: setter.what }, fixes, ...(related ? { related } : {}) });
    }
  },
});
