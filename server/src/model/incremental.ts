/**
 * Typing inside a string value of an interface (a mode, a MAC, an id) is
 * most of what a user does in a config, and it changes no structure: the
 * same sets are interfaces, with the same VMs. Then the model of the new
 * text is the previous one with that interface's set read again and every
 * span after the edit shifted, instead of finding every interface anew
 * (which costs a walk up the tree per interface). Anything else, or any
 * doubt, answers undefined: build the model from scratch.
 */
import type { Tree } from '../parse/syntax-types';
import { isAttrSetNode, readAttrSet, type AttrSet, type Binding, type Span } from './attrsets';
import { redescribe, type Hypervisor, type Model, type Vm } from './interfaces';
import { shift, shiftSet } from './setCache';

/** One replacement, in offsets of the text before it. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newText: string;
}

/** Characters that can change structure: quotes, interpolation, escapes, braces, line ends, comments. */
const STRUCTURAL = /["'$\\{};\r\n#/*]/;

export function updateModel(previous: Model, change: TextChange, tree: Tree, oldText: string): Model | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: refusing costs a rebuild, which gives the same model
  if (STRUCTURAL.test(change.newText) || STRUCTURAL.test(oldText.slice(change.start, change.oldEnd))) return undefined;
  // Keys of VMs without a literal name hold an offset (`cfg@12`, `vm@40`, `vm:cfg@12/web`): one after the edit would move. Rebuild then.
  if (previous.vms.some((vm) => offsetsIn(vm.key).some((o) => o >= change.start))) return undefined;
  // Stryker disable next-line EqualityOperator: an edit at a set's brace is no edit inside a string value (refused below)
  const containing = previous.interfaces.filter((i) => i.set.span.start < change.start && change.oldEnd < i.set.span.end);
  if (containing.length !== 1) return undefined;
  const target = containing[0];
  const binding = stringBindingAt(target.set, change);
  // A type decides what the set is (the macvtap shape): not a plain value.
  // Stryker disable next-line ConditionalExpression: refusing costs a rebuild, which gives the same model
  if (!binding || (binding.path.length === 1 && binding.path[0] === 'type')) return undefined;

  const delta = change.newText.length - (change.oldEnd - change.start);
  const { start, end } = target.set.span;
  const node = tree.rootNode.descendantForIndex(start, end + delta);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: refusing costs a rebuild; a string edit never changes the set's node
  if (!node || !isAttrSetNode(node) || node.startIndex !== start || node.endIndex !== end + delta) return undefined;
  const set = readAttrSet(node);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: refusing costs a rebuild; a string edit never changes these
  if (set.broken !== target.set.broken || set.dynamic !== target.set.dynamic) return undefined;

  // Stryker disable next-line EqualityOperator: inside a string value, no span outside the edited set starts right where the edit ends
  const after = (offset: number) => offset >= change.oldEnd;
  /** A span after the change moves; one around it (a VM's config) grows or shrinks. */
  const moved = (span: Span): Span =>
    // Stryker disable next-line EqualityOperator: inside a string value, no span outside the edited set ends right where the edit ends
    after(span.start) ? shift(span, delta) : span.end >= change.oldEnd ? { start: span.start, end: span.end + delta } : span;
  const vms = new Map<Vm, Vm>(previous.vms.map((vm) => [vm, shiftVm(vm, moved)]));
  const interfaces = previous.interfaces.map((i) => {
    const vm = vms.get(i.vm) ?? i.vm;
    if (i === target) return redescribe(i, set, vm);
    return after(i.set.span.start) ? redescribe(i, shiftSet(i.set, delta), vm) : redescribe(i, i.set, vm);
  });
  const macSetters = previous.macSetters.map((m) => ({ ...m, span: moved(m.span), ...(m.binding ? { binding: moved(m.binding) } : {}) }));
  const hypervisors = previous.hypervisors && new Map([...previous.hypervisors].map(([key, h]) => [key, shiftHypervisor(h, moved)]));
  return { interfaces, vms: [...vms.values()], macSetters, ...(hypervisors ? { hypervisors } : {}) };
}

/** The binding (at any depth of nested sets) whose literal string content holds the whole change. */
function stringBindingAt(set: AttrSet, change: TextChange): Binding | undefined {
  for (const b of set.bindings) {
    const v = b.value;
    if (v.kind === 'string' && v.content.start <= change.start && change.oldEnd <= v.content.end) return b;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an edit not inside the nested set finds no string in it either
    if (v.kind === 'attrset' && v.span.start < change.start && change.oldEnd < v.span.end) return stringBindingAt(v.set, change);
  }
  return undefined;
}

function shiftHypervisor(h: Hypervisor, moved: (span: Span) => Span): Hypervisor {
  return h.kind === 'literal' && h.span ? { ...h, span: moved(h.span) } : h;
}

function shiftVm(vm: Vm, moved: (span: Span) => Span): Vm {
  return { ...vm, ...(vm.span ? { span: moved(vm.span) } : {}), hypervisor: shiftHypervisor(vm.hypervisor, moved) };
}

/** The offsets an owner key holds (`vm:cfg@12/web` -> [12]). */
function offsetsIn(key: string): number[] {
  return [...key.matchAll(/@(\d+)/g)].map((m) => Number(m[1]));
}
