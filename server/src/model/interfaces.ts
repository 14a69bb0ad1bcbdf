/**
 * MicroVM.nix interface declarations: attribute sets with a literal
 * `type = "..."`, wherever they are written (in `microvm.interfaces`, in a
 * `map` lambda, behind `lib.mkIf`, bound in a `let`).
 */
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import { enclosingExpression, unparenthesize } from '../parse/syntax';
import { isAttrSetNode, lookup, readAttrSet, type AttrSet, type Binding, type Lookup } from './attrsets';
import { bindingsNamed, namesMergedWithUpdate } from './find';
import type { AttrSetCache } from './setCache';

export interface InterfaceDecl {
  set: AttrSet;
  /** The `type = "..."` binding and its literal value. */
  typeBinding: Binding;
  type: string;
  /**
   * Attributes may come from elsewhere: the set is merged with `//` (directly
   * or through the name it is bound to), or passed to `recursiveUpdate`.
   */
  open: boolean;
  /** `macvtap` as the set says it: nested `macvtap = { ... }` set, if written so. */
  macvtapSet?: { binding: Binding; set: AttrSet };
  mode: Lookup;
  link: Lookup;
  id: Lookup;
  mac: Lookup;
}

export interface Model {
  interfaces: InterfaceDecl[];
}

/** `cache` (kept by an open document across versions) skips re-reading unchanged sets. */
export function buildModel(tree: Tree, text: string, cache?: AttrSetCache): Model {
  const interfaces: InterfaceDecl[] = [];
  let merged: Set<string> | undefined;
  for (const bindingNode of bindingsNamed(tree, text, 'type')) {
    const setNode = bindingNode.parent?.parent; // binding -> binding_set -> attrset
    if (!setNode || !isAttrSetNode(setNode)) continue;
    const span = { start: setNode.startIndex, end: setNode.endIndex };
    const set = cache ? cache.get(text, span, setNode.hasError, () => readAttrSet(setNode)) : readAttrSet(setNode);
    const typeBinding = set.bindings.find((b) => b.path.length === 1 && b.path[0] === 'type');
    if (!typeBinding || typeBinding.value.kind !== 'string') continue;
    merged ??= namesMergedWithUpdate(tree, text);
    interfaces.push(describe(set, typeBinding, typeBinding.value.value, isOpen(setNode, merged)));
  }
  cache?.nextGeneration();
  return { interfaces };
}

function describe(set: AttrSet, typeBinding: Binding, type: string, open: boolean): InterfaceDecl {
  const nested = set.bindings.find((b) => b.path.length === 1 && b.path[0] === 'macvtap');
  return {
    set,
    typeBinding,
    type,
    open,
    macvtapSet: nested?.value.kind === 'attrset' ? { binding: nested, set: nested.value.set } : undefined,
    mode: lookup(set, ['macvtap', 'mode']),
    link: lookup(set, ['macvtap', 'link']),
    id: lookup(set, ['id']),
    mac: lookup(set, ['mac']),
  };
}

function isOpen(setNode: SyntaxNode, merged: Set<string>): boolean {
  let around = enclosingExpression(setNode);
  if (!around) return false;
  if (around.type === 'binary_expression' && around.childForFieldName('operator')?.type === '//') return true;
  if (around.type === 'apply_expression' && /recursiveUpdate$/.test(applied(around))) return true;
  if (around.type === 'list_expression' && isMappedWithUpdate(around)) return true;
  // `mkIface = id: mac: { ... };`: the set is what the function bound to a name returns.
  while (around && around.type === 'function_expression') around = enclosingExpression(around);
  if (around?.type === 'binding') {
    const path = around.childForFieldName('attrpath');
    const name = path?.namedChild(path.namedChildCount - 1)?.text;
    if (name !== undefined && merged.has(name)) return true;
  }
  return false;
}

/** `map (x: { ... } // x) [ <sets> ]`: each element is merged by the mapped function. */
function isMappedWithUpdate(list: SyntaxNode): boolean {
  const apply = enclosingExpression(list);
  if (apply?.type !== 'apply_expression' || apply.childForFieldName('argument')?.id !== list.id) return false;
  const mapped = apply.childForFieldName('function');
  const fn = mapped?.type === 'apply_expression' ? mapped.childForFieldName('argument') : null;
  const lambda = fn && unparenthesize(fn);
  return lambda?.type === 'function_expression' && /\/\//.test(lambda.childForFieldName('body')?.text ?? '');
}

/** The function name at the head of `f a b`. */
function applied(apply: SyntaxNode): string {
  let fn: SyntaxNode | null = apply;
  while (fn && fn.type === 'apply_expression') fn = fn.childForFieldName('function');
  return fn ? unparenthesize(fn).text : '';
}
