/** Every rule, sorted by code. A unit test checks this list against the docs and case tables. */
import { macvtapLinkMissing, macvtapModeInvalid, macvtapModeMissing } from './macvtap';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [macvtapLinkMissing, macvtapModeInvalid, macvtapModeMissing];

export const ruleByCode = (code: string): Rule | undefined => RULES.find((r) => r.code === code);
