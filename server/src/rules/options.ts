import { MACVTAP_MODES, type MacvtapMode } from '../knowledge/macvtapModes';
import type { Severity } from './rule';

export interface AnalysisOptions {
  /** The mode the preferred quick fix inserts. */
  preferredMode: MacvtapMode;
  /** Per-code severity, or "off"; codes not listed keep their default. */
  severities: Readonly<Record<string, Severity | 'off'>>;
}

export const DEFAULT_OPTIONS: AnalysisOptions = {
  preferredMode: 'vepa',
  severities: {},
};

export function isMacvtapMode(value: unknown): value is MacvtapMode {
  return (MACVTAP_MODES as readonly unknown[]).includes(value);
}
