import type { AgencyLevel } from './enums.js';

/** The usual name of the emergency-management body of a region at a level. */
export function agencyNameFor(level: AgencyLevel, regionName: string, cityOrProvinceName?: string): string {
  switch (level) {
    case 'province':
      return `${regionName}应急管理厅`;
    case 'city':
    case 'county':
      return `${cityOrProvinceName ?? ''}${regionName}应急管理局`;
    case 'township':
      return `${regionName}应急管理办公室`;
  }
}
