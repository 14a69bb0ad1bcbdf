/** STUB: case table to be written. */
import type { CaseTable } from '../../../test/support/cases';

export const cases: CaseTable = { valid: [], invalid: [] };
