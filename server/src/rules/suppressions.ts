/** STUB */
import { defineRule } from './rule';
export const suppressionUnknownCode = defineRule({ family: 'suppressions', code: 'suppression-unknown-code', defaultSeverity: 'warning', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const suppressionUnused = defineRule({ family: 'suppressions', code: 'suppression-unused', defaultSeverity: 'hint', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
