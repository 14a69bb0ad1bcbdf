/** Every rule family's case table, keyed by the family's file name. */
import type { CaseTable } from '../../server/src/rules/caseTable';
import { cases as interfaces } from '../../server/src/rules/interfaces.cases';
import { cases as mac } from '../../server/src/rules/mac.cases';
import { cases as macvtap } from '../../server/src/rules/macvtap.cases';
import { cases as suppressions } from '../../server/src/rules/suppressions.cases';

export const CASE_TABLES: Readonly<Record<string, CaseTable>> = { interfaces, mac, macvtap, suppressions };
