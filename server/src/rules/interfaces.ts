/**
 * interfaces rules: what microvm.nix's option types and assertions check on
 * `microvm.interfaces`, caught before evaluation: a known type, an id that
 * fits a Linux interface name and is unique (per VM, and per host for the
 * devices the host creates), `bridge` exactly on bridge interfaces, a MAC on
 * every interface, and a type the VM's hypervisor can run. Only literals
 * are judged: an expression is unknown, never wrong.
 */
import { interfaceTypesOf } from '../knowledge/hypervisors';
import { idBytes, MAX_ID_BYTES } from '../knowledge/interfaceIds';
import { generateMac, parseMac } from '../knowledge/mac';
import { INTERFACE_TYPES, type InterfaceType } from '../knowledge/macvtapModes';
import { together, type Binding, type InterfaceDecl, type Lookup, type Span, type Value } from '../model';
import { closest } from './closest';
import { insertBinding, removeBinding } from './layout';
import { fileLabel, listOf, who } from './names';
import { defineRule, type Fix, type RelatedSpan, type RuleContext } from './rule';
import { isHostDevice, type ExternalInterface } from './workspaceContext';

const TYPE_LIST = INTERFACE_TYPES.join(', ');

type StringValue = Extract<Value, { kind: 'string' }>;

const isInterfaceType = (t: string): t is InterfaceType => (INTERFACE_TYPES as readonly string[]).includes(t);

function literal(l: Lookup): StringValue | undefined {
  return l.found === 'binding' && l.value.kind === 'string' ? l.value : undefined;
}

/** `VM "db"`, or `this VM` where the file does not name it. */
const vmName = (i: InterfaceDecl, fallback = 'this VM') => (i.vm.name !== undefined ? `VM "${i.vm.name}"` : fallback);

/** Where a finding about a missing attribute goes: the type binding, else the set's opening brace. */
function missingSpan(i: InterfaceDecl): Span {
  return i.typeBinding?.span ?? { start: i.set.inner.start - 1, end: i.set.inner.start };
}

/** The literal type when it is one of microvm.nix's four, with the span of its value. */
function knownType(i: InterfaceDecl): { type: InterfaceType; span: Span } | undefined {
  const v = i.typeBinding?.value;
  return v?.kind === 'string' && isInterfaceType(v.value) ? { type: v.value, span: v.span } : undefined;
}

export const interfaceTypeInvalid = defineRule({
  family: 'interfaces',
  code: 'interface-type-invalid',
  defaultSeverity: 'error',
  description: `A literal interface type is not one of ${TYPE_LIST}.`,
  fixable: true,
  messages: {
    invalid:
      `Interface type "{{type}}" is not one microvm.nix knows: the option only accepts ${TYPE_LIST}, so evaluation stops ` +
      'before anything is built. Set type to one of them.',
    invalidWithSuggestion:
      `Interface type "{{type}}" is not one microvm.nix knows (${TYPE_LIST}): evaluation stops before anything is built. ` +
      'Did you mean "{{suggestion}}"?',
  },
  check(ctx, report) {
    for (const i of ctx.model.interfaces) {
      const value = i.typeBinding?.value;
      if (value?.kind !== 'string' || isInterfaceType(value.value)) continue;
      const suggestion = closest(value.value, INTERFACE_TYPES);
      const order = suggestion ? [suggestion, ...INTERFACE_TYPES.filter((t) => t !== suggestion)] : INTERFACE_TYPES;
      const fixes: Fix[] = order.map((t) => ({
        title: `Change to "${t}"`,
        edits: [{ start: value.content.start, end: value.content.end, newText: t }],
        isPreferred: t === suggestion,
      }));
      report({
        span: value.span,
        messageId: suggestion ? 'invalidWithSuggestion' : 'invalid',
        data: suggestion ? { type: value.value, suggestion } : { type: value.value },
        fixes,
      });
    }
  },
});

export const interfaceIdMissing = defineRule({
  family: 'interfaces',
  code: 'interface-id-missing',
  defaultSeverity: 'error',
  description: 'An interface has no id (the name of its device on the host).',
  fixable: false,
  messages: {
    missing:
      '{{who}} has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name ' +
      'of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".',
  },
  check(ctx, report) {
    for (const i of ctx.model.interfaces) {
      if (i.open || i.id.found !== 'absent') continue;
      report({ span: missingSpan(i), messageId: 'missing', data: { who: who(i) } });
    }
  },
});

export const interfaceIdTooLong = defineRule({
  family: 'interfaces',
  code: 'interface-id-too-long',
  defaultSeverity: 'error',
  description: `A literal interface id is longer than ${MAX_ID_BYTES} bytes, the most Linux allows for an interface name.`,
  fixable: false,
  messages: {
    tooLong:
      `Interface id "{{id}}" is {{bytes}} bytes long{{note}}, but Linux interface names hold at most ${MAX_ID_BYTES}: ` +
      'microvm.nix\'s assertion stops evaluation, and `ip` could not create a device of that name anyway. ' +
      `Shorten it to ${MAX_ID_BYTES} bytes or fewer.`,
  },
  check(ctx, report) {
    for (const i of ctx.model.interfaces) {
      const id = literal(i.id);
      if (!id) continue;
      const bytes = idBytes(id.value);
      if (bytes <= MAX_ID_BYTES) continue;
      const note = bytes > id.value.length ? ' in UTF-8 (letters outside ASCII take 2 to 4 bytes each)' : '';
      report({ span: id.span, messageId: 'tooLong', data: { id: id.value, bytes: String(bytes), note } });
    }
  },
});


export const interfaceIdDuplicate = defineRule({
  family: 'interfaces',
  code: 'interface-id-duplicate',
  defaultSeverity: 'error',
  description: 'Two interfaces of one VM, or two tap/macvtap interfaces of VMs on one host, have the same id.',
  fixable: false,
  messages: {
    sameVm:
      'Interface id "{{id}}" is used {{count}} times in {{vm}}: microvm.nix asserts that ids are unique, so evaluation stops. ' +
      'Give each interface its own id.',
    sameHost:
      'Interface id "{{id}}" is also the id of a tap or macvtap interface of {{others}} on this host: both create a host device named "{{id}}", ' +
      'and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.',
  },
  check(ctx, report) {
    // Grouped by id and host (or VM, where there is no host): only those can clash (see `clash`),
    // so a file of many hosts reusing the same ids costs no comparisons across hosts.
    const byId = new Map<string, { i: InterfaceDecl; id: StringValue }[]>();
    for (const i of ctx.model.interfaces) {
      const id = literal(i.id);
      // A set found only by its macvtap shape may not be in any list: its duplicates are unknown.
      if (!id || i.by !== 'place') continue;
      const key = `${id.value}\0${i.vm.host ?? i.vm.key}`;
      const group = byId.get(key);
      if (group) group.push({ i, id });
      else byId.set(key, [{ i, id }]);
    }
    for (const group of byId.values()) {
      for (const { i, id } of group) {
        const others = group.filter((o) => o.i !== i && clash(i, o.i));
        const elsewhere = externalClashes(ctx, i, id.value);
        if (others.length === 0 && elsewhere.length === 0) continue;
        // Stryker disable next-line OptionalChaining: the index knows the owner of every VM of the file it gives
        const own = ctx.workspace?.owners[i.vm.key]?.vm;
        const sameVm = others.filter((o) => o.i.vm.key === i.vm.key).length + elsewhere.filter((e) => e.owner.vm === own).length;
        const related: RelatedSpan[] = [
          ...others.map((o) => ({ span: o.id.span, message: `also used here (${vmName(o.i, o.i.vm.key === i.vm.key ? 'same VM' : 'another VM')})` })),
          ...elsewhere.map((e) => ({ uri: e.uri, range: e.id!.range, message: `also used in ${fileLabel(e.uri)} (${e.owner.vm === own ? 'same VM' : externalVmName(e)})` })),
        ];
        if (sameVm > 0) {
          const data = { id: id.value, count: String(sameVm + 1), vm: vmName(i) };
          report({ span: id.span, messageId: 'sameVm', data, related });
        } else {
          const names = [...new Set([...others.map((o) => vmName(o.i, 'another VM')), ...elsewhere.map(externalVmName)])];
          report({ span: id.span, messageId: 'sameHost', data: { id: id.value, others: listOf(names) }, related });
        }
      }
    }
  },
});

/** Interfaces in other files with the same literal id in the same VM, or host devices of VMs on the same host (the workspace index's view). */
function externalClashes(ctx: RuleContext, i: InterfaceDecl, id: string): ExternalInterface[] {
  const own = ctx.workspace?.owners[i.vm.key];
  if (!own) return [];
  // A VM with no host has only its own interfaces as peers, so a shared `undefined` host is the same VM.
  return ctx.workspace!.peers.filter(
    (e) => e.id?.value === id && (e.owner.vm === own.vm || (e.owner.host === own.host && isHostDevice(i.type) && isHostDevice(e.type))),
  );
}

function externalVmName(e: ExternalInterface): string {
  return e.owner.name !== undefined ? `VM "${e.owner.name}"` : `a VM in ${fileLabel(e.uri)}`;
}

/** The same id on `a` and `b` is a conflict: one VM, or host devices of VMs sharing a host; and both can be there at once. */
function clash(a: InterfaceDecl, b: InterfaceDecl): boolean {
  const sameHost = a.vm.host !== undefined && a.vm.host === b.vm.host && isHostDevice(a.type) && isHostDevice(b.type);
  return (a.vm.key === b.vm.key || sameHost) && together(a, b);
}

export const bridgeMissing = defineRule({
  family: 'interfaces',
  code: 'bridge-missing',
  defaultSeverity: 'error',
  description: 'An interface of type "bridge" does not name the host bridge to attach to.',
  fixable: false,
  messages: {
    missing:
      '{{who}} has type "bridge" but no bridge: microvm.nix asserts that a bridge interface names the host bridge, so evaluation stops. ' +
      'Set bridge to the host bridge to attach to, such as "br0".',
    isNull:
      '{{who}} has type "bridge" but bridge = null: microvm.nix asserts that a bridge interface names the host bridge, so evaluation stops. ' +
      'Set bridge to the host bridge to attach to, such as "br0".',
  },
  check(ctx, report) {
    for (const i of ctx.model.interfaces) {
      if (i.type !== 'bridge' || !i.typeBinding) continue;
      if (i.bridge.found === 'binding' && i.bridge.value.kind === 'null') {
        report({ span: i.bridge.value.span, messageId: 'isNull', data: { who: who(i, false) } });
      } else if (i.bridge.found === 'absent' && !i.open) {
        report({ span: i.typeBinding.span, messageId: 'missing', data: { who: who(i, false) } });
      }
    }
  },
});

export const bridgeUnexpected = defineRule({
  family: 'interfaces',
  code: 'bridge-unexpected',
  defaultSeverity: 'error',
  description: 'An interface whose type is not "bridge" sets bridge.',
  fixable: true,
  messages: {
    unexpected:
      '{{who}} has type "{{type}}" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. ' +
      'Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.',
  },
  check(ctx, report) {
    for (const i of ctx.model.interfaces) {
      const known = knownType(i);
      if (!known || known.type === 'bridge' || i.bridge.found !== 'binding' || i.bridge.value.kind === 'null') continue;
      const binding = i.bridge.binding;
      const fixes: Fix[] = hasComment(ctx.text, binding)
        ? []
        : [{ title: 'Remove bridge', edits: [removeBinding(ctx.lines, binding.span)], isPreferred: true }];
      report({ span: binding.span, messageId: 'unexpected', data: { who: who(i, false), type: known.type }, fixes });
    }
  },
});

/** A comment inside the binding (outside a string value) would be lost with it. */
function hasComment(text: string, b: Binding): boolean {
  const v = b.value;
  const code = v.kind === 'string'
    ? text.slice(b.span.start, v.span.start) + text.slice(v.span.end, b.span.end)
    : text.slice(b.span.start, b.span.end);
  return /#|\/\*/.test(code);
}

export const interfaceMacMissing = defineRule({
  family: 'interfaces',
  code: 'interface-mac-missing',
  defaultSeverity: 'error',
  description: 'An interface has no mac.',
  fixable: true,
  messages: {
    missing:
      '{{who}} has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, ' +
      'so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.',
  },
  check(ctx, report) {
    const taken = new Set<string>();
    for (const i of ctx.model.interfaces) {
      const mac = literal(i.mac);
      const parsed = mac && parseMac(mac.value);
      if (parsed) taken.add(parsed.canonical);
    }
    for (const i of ctx.model.interfaces) {
      if (i.open || i.mac.found !== 'absent') continue;
      // A set a function returns may stand for several interfaces: one literal MAC would be shared.
      const seed = i.inFunction ? undefined : (literal(i.id)?.value ?? i.vm.name);
      const fixes: Fix[] = [];
      if (seed !== undefined) {
        const { mac } = generateMac(seed, taken);
        taken.add(mac); // two fixes applied together must not write the same MAC
        fixes.push({
          title: `Generate a stable locally administered MAC ("${mac}")`,
          edits: [insertBinding(ctx.lines, i.set, macAnchor(i), `mac = "${mac}";`)],
          isPreferred: true,
        });
      }
      report({ span: missingSpan(i), messageId: 'missing', data: { who: who(i) }, fixes });
    }
  },
});

/** After `id` when it is a plain binding of this set, else after `type`, else after the last binding. */
function macAnchor(i: InterfaceDecl): Binding | undefined {
  // A one-name path (`id`) is found only as a binding of the set itself.
  if (i.id.found === 'binding') return i.id.binding;
  return i.typeBinding ?? i.set.bindings.at(-1);
}

export const interfaceTypeUnsupported = defineRule({
  family: 'interfaces',
  code: 'interface-type-unsupported',
  defaultSeverity: 'error',
  description: 'The VM\'s hypervisor cannot run an interface of this type.',
  fixable: false,
  messages: {
    unsupported:
      '{{vm}} runs {{hypervisor}}, which runs only {{supported}} interfaces, not "{{type}}": microvm.nix\'s {{hypervisor}} runner ' +
      'throws an error for it, so evaluation fails. Use a type {{hypervisor}} supports, or a hypervisor that runs "{{type}}" interfaces ' +
      '(qemu runs all four).',
  },
  check(ctx, report) {
    for (const i of ctx.model.interfaces) {
      const known = knownType(i);
      const hv = i.vm.hypervisor;
      if (!known) continue;
      // Stryker disable next-line ConditionalExpression: a hypervisor that is not a literal has no value, and no types are known for that
      if (hv.kind !== 'literal') continue;
      const supported = interfaceTypesOf(hv.value);
      if (!supported || supported.includes(known.type)) continue;
      const vm = i.vm.name !== undefined ? `VM "${i.vm.name}"` : 'This VM';
      const data = { vm, hypervisor: hv.value, type: known.type, supported: listOf(supported) };
      report({ span: known.span, messageId: 'unsupported', data });
    }
  },
});
