/**
 * The bundled documentation page of every rule (docs/rules/<code>.md). The
 * same text serves hovers, `microvm-lint explain` and the codeDescription link.
 */
import linkMissing from '../../../docs/rules/macvtap-link-missing.md';
import modeInvalid from '../../../docs/rules/macvtap-mode-invalid.md';
import modeMissing from '../../../docs/rules/macvtap-mode-missing.md';

export const RULE_DOCS: Readonly<Record<string, string>> = {
  'macvtap-link-missing': linkMissing,
  'macvtap-mode-invalid': modeInvalid,
  'macvtap-mode-missing': modeMissing,
};

/** Where the rendered pages live (the codeDescription target). */
export const DOCS_BASE_URL = 'https://github.com/microvm-lint/microvm-lint/blob/main/docs/rules/';

export const docsUrl = (code: string): string => `${DOCS_BASE_URL}${code}.md`;

