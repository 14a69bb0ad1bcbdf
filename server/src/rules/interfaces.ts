/** STUB: to be written. */
import { defineRule } from './rule';

export const bridgeMissing = defineRule({ family: 'interfaces', code: 'bridge-missing', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const bridgeUnexpected = defineRule({ family: 'interfaces', code: 'bridge-unexpected', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const interfaceIdDuplicate = defineRule({ family: 'interfaces', code: 'interface-id-duplicate', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const interfaceIdMissing = defineRule({ family: 'interfaces', code: 'interface-id-missing', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const interfaceIdTooLong = defineRule({ family: 'interfaces', code: 'interface-id-too-long', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const interfaceMacMissing = defineRule({ family: 'interfaces', code: 'interface-mac-missing', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const interfaceTypeInvalid = defineRule({ family: 'interfaces', code: 'interface-type-invalid', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
export const interfaceTypeUnsupported = defineRule({ family: 'interfaces', code: 'interface-type-unsupported', defaultSeverity: 'error', description: 'TODO', fixable: false, messages: { todo: 'TODO' }, check() {} });
