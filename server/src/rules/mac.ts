/** STUB: to be written. */
import { defineRule } from './rule';

export const guestMacOverride = defineRule({ family: 'mac', code: 'guest-mac-override', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const macDuplicate = defineRule({ family: 'mac', code: 'mac-duplicate', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const macInvalid = defineRule({ family: 'mac', code: 'mac-invalid', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const macMulticast = defineRule({ family: 'mac', code: 'mac-multicast', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const macNotLocal = defineRule({ family: 'mac', code: 'mac-not-local', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
