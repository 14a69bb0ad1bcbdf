/**
 * macvtap rules: an interface with `type = "macvtap"` needs `macvtap.mode`
 * (one of the kernel's modes) and `macvtap.link`. Reports only when certain:
 * a merged set, a computed value or an inherit counts as "may be set".
 */
import { MACVTAP_MODES, type MacvtapMode } from '../knowledge/macvtapModes';
import type { Binding, InterfaceDecl } from '../model';
import { closest } from './closest';
import { isMacvtapMode } from './options';
import { insertBinding } from './layout';
import { who } from './names';
import { defineRule, type Fix, type RuleContext } from './rule';

const MODE_LIST = MACVTAP_MODES.join(', ');

type MacvtapInterface = InterfaceDecl & { type: 'macvtap'; typeBinding: Binding };

const macvtapInterfaces = (ctx: RuleContext) =>
  ctx.model.interfaces.filter((i): i is MacvtapInterface => i.type === 'macvtap' && i.typeBinding !== undefined);

/** Preferred mode first, then the others in the kernel's order. */
function modesInFixOrder(preferred: MacvtapMode): MacvtapMode[] {
  return [preferred, ...MACVTAP_MODES.filter((m) => m !== preferred)];
}

/** One fix per mode that writes `macvtap.mode` where the user's layout puts it. */
function setModeFixes(ctx: RuleContext, i: InterfaceDecl, preferred: MacvtapMode): Fix[] {
  return modesInFixOrder(preferred).map((mode) => ({
    title: `Set macvtap.mode = "${mode}"`,
    edits: [modeEdit(ctx, i, mode)],
    isPreferred: mode === preferred,
  }));
}

function modeEdit(ctx: RuleContext, i: InterfaceDecl, mode: MacvtapMode) {
  const found = i.mode.found === 'binding' ? i.mode.value : undefined;
  if (found?.kind === 'string') return { start: found.content.start, end: found.content.end, newText: mode };
  if (found) return { start: found.span.start, end: found.span.end, newText: `"${mode}"` };
  if (i.macvtapSet) {
    const inner = i.macvtapSet.set;
    return insertBinding(ctx.lines, inner, inner.bindings.at(-1), `mode = "${mode}";`);
  }
  const dotted = i.set.bindings.filter((b) => b.path[0] === 'macvtap');
  const anchor = dotted.find((b) => b.path[1] === 'link') ?? dotted.at(-1) ?? i.typeBinding;
  return insertBinding(ctx.lines, i.set, anchor, `macvtap.mode = "${mode}";`);
}

export const macvtapModeMissing = defineRule({
  family: 'macvtap',
  code: 'macvtap-mode-missing',
  defaultSeverity: 'error',
  description: 'A macvtap interface has no macvtap.mode (or mode = null), so the VM does not start.',
  fixable: true,
  messages: {
    missing:
      '{{who}} has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. ' +
      `Set macvtap.mode to one of ${MODE_LIST}.`,
    isNull:
      '{{who}} sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) ' +
      `or evaluation fails (since 2024-11). Set one of ${MODE_LIST}.`,
  },
  check(ctx, report) {
    for (const i of macvtapInterfaces(ctx)) {
      const fixes = () => setModeFixes(ctx, i, ctx.options.preferredMode);
      if (i.mode.found === 'binding' && i.mode.value.kind === 'null') {
        report({ span: i.mode.value.span, messageId: 'isNull', data: { who: who(i, false) }, fixes: fixes() });
      } else if (i.mode.found === 'absent' && !i.open) {
        report({ span: i.typeBinding.span, messageId: 'missing', data: { who: who(i, false) }, fixes: fixes() });
      }
    }
  },
});

export const macvtapModeInvalid = defineRule({
  family: 'macvtap',
  code: 'macvtap-mode-invalid',
  defaultSeverity: 'error',
  description: `A literal macvtap.mode is not one of ${MODE_LIST}.`,
  fixable: true,
  messages: {
    invalid: `macvtap.mode "{{mode}}" is not a macvtap mode (${MODE_LIST}): microvm.nix rejects it and \`ip link\` cannot create the device.`,
    invalidWithSuggestion:
      `macvtap.mode "{{mode}}" is not a macvtap mode (${MODE_LIST}): microvm.nix rejects it. Did you mean "{{suggestion}}"?`,
  },
  check(ctx, report) {
    for (const i of macvtapInterfaces(ctx)) {
      const value = i.mode.found === 'binding' ? i.mode.value : undefined;
      if (value?.kind !== 'string' || isMacvtapMode(value.value)) continue;
      const suggestion = closest(value.value, MACVTAP_MODES);
      const fixes = setModeFixes(ctx, i, suggestion ?? ctx.options.preferredMode);
      if (suggestion) fixes[0].title = `Change to "${suggestion}" (did you mean it?)`;
      report({
        span: value.span,
        messageId: suggestion ? 'invalidWithSuggestion' : 'invalid',
        data: suggestion ? { mode: value.value, suggestion } : { mode: value.value },
        fixes,
      });
    }
  },
});

export const macvtapLinkMissing = defineRule({
  family: 'macvtap',
  code: 'macvtap-link-missing',
  defaultSeverity: 'error',
  description: 'A macvtap interface has no macvtap.link (the host interface it sits on).',
  fixable: false,
  messages: {
    missing:
      '{{who}} has type "macvtap" but no macvtap.link: the macvtap device needs a parent host interface (such as "eth0"), ' +
      'and microvm.nix cannot create it without one. Set macvtap.link to the host interface the VM should share.',
    isNull: '{{who}} sets macvtap.link = null: the macvtap device needs a parent host interface. Set it to one, such as "eth0".',
  },
  check(ctx, report) {
    for (const i of macvtapInterfaces(ctx)) {
      if (i.link.found === 'binding' && i.link.value.kind === 'null') {
        report({ span: i.link.value.span, messageId: 'isNull', data: { who: who(i, false) } });
      } else if (i.link.found === 'absent' && !i.open) {
        report({ span: i.typeBinding.span, messageId: 'missing', data: { who: who(i, false) } });
      }
    }
  },
});
