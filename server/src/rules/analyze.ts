/**
 * The analysis core's front door: text + tree in, findings out. Used the
 * same way by the language server, the CLI and the tests.
 */
import { buildModel, type AttrSetCache, type Hypervisor, type Model, type Vm } from '../model';
import type { WorkspaceContext } from './workspaceContext';
import { DecodedWords, type RawText } from '../model/decodedWords';
import { readDirectives } from '../model/directives';
import type { Tree } from '../parse/syntax-types';
import { LineIndex } from '../text/lineIndex';
import { RULES } from './index';
import { DEFAULT_OPTIONS, type AnalysisOptions } from './options';
import type { Finding, Rule, RuleContext } from './rule';
import { applyDirectives, ignoreFixes } from './suppressions';

export interface Analysis {
  text: string;
  lines: LineIndex;
  model: Model;
  findings: Finding[];
  /** Rules that threw: their findings are missing, the others' are here. */
  ruleErrors: { code: string; error: unknown }[];
}

export interface AnalyzeInput {
  options?: AnalysisOptions;
  /** The document's line table, when the caller already has it. */
  lines?: LineIndex;
  /** Facts of unchanged sets from the previous version (open documents keep one). */
  cache?: AttrSetCache;
  /** The rules to run (default: every rule); tests hand in a broken one. */
  rules?: readonly Rule[];
  /** The model of this text, when the caller already has it (an open document updated it after an edit). */
  model?: Model;
  /** What the workspace index knows about this file from the others. */
  workspace?: WorkspaceContext;
  /**
   * Compute each finding's "Ignore ..." fixes (default). Only an open document's code actions
   * offer them: the CLI and the index of files not open skip the work (and the CLI's cache the bytes).
   */
  ignoreFixes?: boolean;
}

const KNOWN_CODES = RULES.map((r) => r.code);

export function analyze(tree: Tree, text: string, input: AnalyzeInput = {}): Analysis {
  const { options = DEFAULT_OPTIONS, lines = new LineIndex(text), cache, rules = RULES } = input;
  const { workspace } = input;
  const model = withOwners(input.model ?? buildModel(tree, text, cache, workspace?.role), workspace);
  // Stryker disable next-line StringLiteral: a shortcut; without the word there is no directive to read
  const directives = text.includes('microvm-lint:') ? readDirectives(tree, text) : [];
  const context: RuleContext = { text, lines, model, options, directives, knownCodes: KNOWN_CODES, ...(workspace ? { workspace } : {}) };
  const ruleErrors: Analysis['ruleErrors'] = [];
  const raw = runRules(rules.filter((r) => !r.after), context, ruleErrors);
  const { kept, used } = applyDirectives(raw, directives, lines);
  const meta = runRules(rules.filter((r) => r.after), { ...context, suppression: { raw, used } }, ruleErrors);
  const findings = [...kept, ...meta];
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: saves time only: the index's findings for unopened files are never asked for fixes
  if (input.ignoreFixes !== false) for (const f of findings) if (!f.code.startsWith('suppression-')) f.ignore = ignoreFixes(f, directives, lines, tree);
  // Stryker disable next-line LogicalOperator: findings that start together cover one binding, so they end together too
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return { text, lines, model, findings, ruleErrors };
}

/**
 * The model with what the importing files say about its VMs: a guest file
 * imported as `microvm.vms.a.config` is VM "a" of that host and runs the
 * hypervisor the host sets, unless it sets its own.
 */
function withOwners(model: Model, workspace: WorkspaceContext | undefined): Model {
  if (!workspace || !model.vms.some((v) => workspace.owners[v.key]?.via)) return model;
  const vms = new Map<string, Vm>();
  for (const v of model.vms) {
    // Every VM of the file has its owner; one not imported from elsewhere (no `via`) is its own.
    const o = workspace.owners[v.key];
    const inherits = v.hypervisor.kind === 'default' && o.hypervisor !== undefined;
    vms.set(v.key, { ...v, name: v.name ?? o.name, hypervisor: inherits ? importedHypervisor(o.hypervisor!) : v.hypervisor });
  }
  return { ...model, vms: [...vms.values()], interfaces: model.interfaces.map((i) => ({ ...i, vm: vms.get(i.vm.key)! })) };
}

/** The hypervisor an importing file sets (`?`: one it cannot read). */
function importedHypervisor(value: string): Hypervisor {
  // Stryker disable next-line ConditionalExpression,StringLiteral,ObjectLiteral: an unknown hypervisor and one of an unknown name both allow every type
  return value === '?' ? { kind: 'unknown' } : { kind: 'literal', value };
}

/** Runs each rule on its own: one that throws loses only its own findings. */
function runRules(rules: readonly Rule[], context: RuleContext, errors: Analysis['ruleErrors']): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const severity = context.options.severities[rule.code] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    try {
      for (const f of rule.check(context)) out.push({ ...f, severity });
    } catch (error) {
      errors.push({ code: rule.code, error });
    }
  }
  return out;
}

/**
 * Cheap pre-check: a file that mentions neither `interfaces` (the option
 * every place-found interface hangs under), `macvtap` (the shape found
 * anywhere) nor `microvm-lint:` (a suppression comment) cannot produce a
 * finding. "Mentions" as the model reads the file: a word spelt through an
 * escape (`type = "macvt\ap"`) counts (model/decodedWords.ts). Takes raw
 * bytes too, so the CLI need not decode files it skips. A test checks it
 * against the full analysis.
 */
export function mayHaveFindings(text: RawText | DecodedWords): boolean {
  const words = DecodedWords.of(text);
  return words.includes('interfaces') || words.includes('macvtap') || words.includes('microvm-lint:');
}
