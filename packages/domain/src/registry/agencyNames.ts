import type { AgencyLevel } from './enums.js';

/**
 * The usual name of the emergency-management body of a region at a level. `parentName` is the city of a
 * county (杭州市西湖区应急管理局) or the county of a township (西湖区北山街道…): township names repeat across counties.
 */
export function agencyNameFor(level: AgencyLevel, regionName: string, parentName?: string): string {
  switch (level) {
    case 'province':
      return `${regionName}应急管理厅`;
    case 'city':
    case 'county':
      return `${parentName ?? ''}${regionName}应急管理局`;
    case 'township':
      return `${parentName ?? ''}${regionName}应急管理办公室`;
  }
}
