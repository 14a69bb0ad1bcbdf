/** Every rule family's case table, keyed by the family's file name. */
import type { CaseTable } from './cases';
import { cases as macvtap } from '../../server/src/rules/macvtap.cases';

export const CASE_TABLES: Readonly<Record<string, CaseTable>> = { macvtap };
