/**
 * The bundled documentation page of every rule (docs/rules/<code>.md). The
 * same text serves hovers, `microvm-lint explain` and the codeDescription link.
 */
import bridgeMissing from '../../../docs/rules/bridge-missing.md';
import bridgeUnexpected from '../../../docs/rules/bridge-unexpected.md';
import guestMacOverride from '../../../docs/rules/guest-mac-override.md';
import interfaceIdDuplicate from '../../../docs/rules/interface-id-duplicate.md';
import interfaceIdMissing from '../../../docs/rules/interface-id-missing.md';
import interfaceIdTooLong from '../../../docs/rules/interface-id-too-long.md';
import interfaceMacMissing from '../../../docs/rules/interface-mac-missing.md';
import interfaceTypeInvalid from '../../../docs/rules/interface-type-invalid.md';
import interfaceTypeUnsupported from '../../../docs/rules/interface-type-unsupported.md';
import macDuplicate from '../../../docs/rules/mac-duplicate.md';
import macInvalid from '../../../docs/rules/mac-invalid.md';
import macMulticast from '../../../docs/rules/mac-multicast.md';
import macNotLocal from '../../../docs/rules/mac-not-local.md';
import macvtapLinkMissing from '../../../docs/rules/macvtap-link-missing.md';
import macvtapModeInvalid from '../../../docs/rules/macvtap-mode-invalid.md';
import macvtapModeMissing from '../../../docs/rules/macvtap-mode-missing.md';
import suppressionUnknownCode from '../../../docs/rules/suppression-unknown-code.md';
import suppressionUnused from '../../../docs/rules/suppression-unused.md';

export const RULE_DOCS: Readonly<Record<string, string>> = {
  'bridge-missing': bridgeMissing,
  'bridge-unexpected': bridgeUnexpected,
  'guest-mac-override': guestMacOverride,
  'interface-id-duplicate': interfaceIdDuplicate,
  'interface-id-missing': interfaceIdMissing,
  'interface-id-too-long': interfaceIdTooLong,
  'interface-mac-missing': interfaceMacMissing,
  'interface-type-invalid': interfaceTypeInvalid,
  'interface-type-unsupported': interfaceTypeUnsupported,
  'mac-duplicate': macDuplicate,
  'mac-invalid': macInvalid,
  'mac-multicast': macMulticast,
  'mac-not-local': macNotLocal,
  'macvtap-link-missing': macvtapLinkMissing,
  'macvtap-mode-invalid': macvtapModeInvalid,
  'macvtap-mode-missing': macvtapModeMissing,
  'suppression-unknown-code': suppressionUnknownCode,
  'suppression-unused': suppressionUnused,
};

/** Where the rendered pages live (the codeDescription target). */
export const DOCS_BASE_URL = 'https://github.com/microvm-lint/microvm-lint/blob/main/docs/rules/';

export const docsUrl = (code: string): string => `${DOCS_BASE_URL}${code}.md`;

