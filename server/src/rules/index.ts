/** Every rule, sorted by code. A unit test checks this list against the docs and case tables. */
import { bridgeMissing, bridgeUnexpected, interfaceIdDuplicate, interfaceIdMissing, interfaceIdTooLong, interfaceMacMissing, interfaceTypeInvalid, interfaceTypeUnsupported } from './interfaces';
import { guestMacOverride, macDuplicate, macInvalid, macMulticast, macNotLocal } from './mac';
import { macvtapLinkMissing, macvtapModeInvalid, macvtapModeMissing } from './macvtap';
import { suppressionUnknownCode, suppressionUnused } from './suppressions';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  bridgeMissing,
  bridgeUnexpected,
  guestMacOverride,
  interfaceIdDuplicate,
  interfaceIdMissing,
  interfaceIdTooLong,
  interfaceMacMissing,
  interfaceTypeInvalid,
  interfaceTypeUnsupported,
  macDuplicate,
  macInvalid,
  macMulticast,
  macNotLocal,
  macvtapLinkMissing,
  macvtapModeInvalid,
  macvtapModeMissing,
  suppressionUnknownCode,
  suppressionUnused,
];

export const ruleByCode = (code: string): Rule | undefined => RULES.find((r) => r.code === code);
