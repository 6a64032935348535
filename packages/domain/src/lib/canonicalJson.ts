/**
 * JSON with object keys sorted at every depth. PostgreSQL's jsonb does not keep key order, so anything hashed and
 * later re-read from jsonb (audit entries, draw inputs) must be hashed in this form. For plain data (what rows and
 * request bodies hold) the text equals canonicalJson(JSON.parse(JSON.stringify(value))): what jsonb gives back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    // Other objects that define their JSON form (as Date does) are written as JSON.stringify would write them.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
