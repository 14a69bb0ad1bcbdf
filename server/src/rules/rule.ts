/**
 * What a rule is: metadata (code, severity, messages) and a pure `check`
 * from the model to findings. `defineRule` is generic over the message ids,
 * so reporting an id the rule does not declare is a compile error.
 */
import type { LineIndex } from '../text/lineIndex';
import type { TextEdit } from '../text/edits';
import type { Model, Span } from '../model';
import type { Directive } from '../model/directives';
import type { AnalysisOptions } from './options';
import type { Range } from '../text/lineIndex';
import type { WorkspaceContext } from './workspaceContext';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix "Auto Fix" and fix-all apply. */
  isPreferred?: boolean;
}

/** Another place that belongs to a finding (the other occurrences of a duplicate): in this file, or in another one. */
export type RelatedSpan = { span: Span; message: string } | { uri: string; range: Range; message: string };

export interface Finding {
  code: string;
  severity: Severity;
  span: Span;
  messageId: string;
  message: string;
  fixes: Fix[];
  related?: RelatedSpan[];
  /** Shown faded (an unused suppression). */
  unnecessary?: boolean;
  /** Fixes that add a suppression comment for this finding ("Ignore <code> on this line / in this file"). */
  ignore?: Fix[];
}

export interface RuleContext {
  text: string;
  lines: LineIndex;
  model: Model;
  options: AnalysisOptions;
  directives: readonly Directive[];
  /** What the other files of the workspace say about this one (absent: the file on its own, as the CLI without an index sees it). */
  workspace?: WorkspaceContext;
  /** Every rule code (the suppression rules cannot import the registry that lists them). */
  knownCodes?: readonly string[];
  /** Only for rules that run after the others (`after: true`): what they found and which directive codes suppressed something. */
  suppression?: SuppressionState;
}

export interface SuppressionState {
  /** Every finding of the other rules, suppressed or not. */
  raw: readonly Finding[];
  /** Directive code spans (by start offset) that suppressed at least one finding; -1 entries mark directives without codes. */
  used: ReadonlySet<number>;
}

export interface Report<Id extends string> {
  span: Span;
  messageId: Id;
  data?: Record<string, string>;
  fixes?: Fix[];
  related?: RelatedSpan[];
  unnecessary?: boolean;
}

export interface Rule {
  /** Runs after the other rules, on their findings (the suppression checks). */
  after?: boolean;
  code: string;
  /** The rule family: the file it is defined in (`macvtap` for rules/macvtap.ts) and its case table. */
  family: string;
  defaultSeverity: Severity;
  /** One line for listings and the CLI's `explain`. */
  description: string;
  messages: Readonly<Record<string, string>>;
  fixable: boolean;
  check(context: RuleContext): Omit<Finding, 'severity'>[];
}

export interface RuleDefinition<Id extends string> {
  after?: boolean;
  code: string;
  family: string;
  defaultSeverity: Severity;
  description: string;
  messages: Readonly<Record<Id, string>>;
  fixable: boolean;
  check(context: RuleContext, report: (r: Report<Id>) => void): void;
}

/** The most other locations one finding lists. */
export const MAX_RELATED = 20;

export function defineRule<Id extends string>(def: RuleDefinition<Id>): Rule {
  return {
    ...(def.after ? { after: true } : {}),
    code: def.code,
    family: def.family,
    defaultSeverity: def.defaultSeverity,
    description: def.description,
    messages: def.messages,
    fixable: def.fixable,
    check(context) {
      const out: Omit<Finding, 'severity'>[] = [];
      def.check(context, (r) => {
        const fixes = r.fixes ?? [];
        // Stryker disable next-line ConditionalExpression: a guard for rule authors; the rule catalogue test checks the same from the cases
        if (fixes.length > 0 && !def.fixable) throw new Error(`${def.code} is not declared fixable`);
        out.push({
          code: def.code,
          span: r.span,
          messageId: r.messageId,
          message: fillTemplate(def.messages[r.messageId], r.data ?? {}),
          fixes,
          // A value repeated a thousand times must not cost a million related entries.
          ...(r.related ? { related: r.related.slice(0, MAX_RELATED) } : {}),
          ...(r.unnecessary ? { unnecessary: true } : {}),
        });
      });
      return out;
    },
  };
}

function fillTemplate(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    // Stryker disable next-line ConditionalExpression: a guard for rule authors; the case tables check every message in full
    if (!(key in data)) throw new Error(`message data lacks "${key}"`);
    return data[key];
  });
}
