// Forms check their values with the request schema the server checks (@anjian/domain/contract/*) before they submit,
// so the web and the server can never disagree on what is valid. The schema's own messages are Chinese; where a
// schema leaves zod's default (English) message, the issue code is mapped to a Chinese one here.
import type { FormInstance } from 'antd';
import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;
type NamePath = (string | number)[];

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The Chinese message for an issue whose schema gave none (zod's per-parse error map: schema messages win). */
export function chineseIssue(issue: Issue): string {
  const at = issue as Issue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; inclusive?: boolean };
  switch (issue.code) {
    case 'invalid_type':
      return isBlank(issue.input) ? '请填写此项' : '格式不正确';
    case 'too_small':
      if (at.origin === 'string') return Number(at.minimum) <= 1 ? '请填写此项' : `不少于${at.minimum}个字`;
      if (at.origin === 'array' || at.origin === 'set') return `至少选择${at.minimum}项`;
      return at.inclusive === false ? `应大于${at.minimum}` : `不能小于${at.minimum}`;
    case 'too_big':
      if (at.origin === 'string') return `不能超过${at.maximum}个字`;
      if (at.origin === 'array' || at.origin === 'set') return `最多选择${at.maximum}项`;
      return at.inclusive === false ? `应小于${at.maximum}` : `不能大于${at.maximum}`;
    case 'invalid_value':
      return '请选择有效的选项';
    case 'not_multiple_of':
      return '数值不正确';
    case 'unrecognized_keys':
      return '包含无法识别的内容';
    default:
      return '格式不正确';
  }
}

export interface ContractIssue {
  /** the form field the issue belongs to, or undefined for the form as a whole */
  field?: NamePath;
  message: string;
}

/** Parse `body` with `schema`; the issues carry Chinese messages and the path of the body. */
export function checkContract<S extends z.ZodType>(schema: S, body: unknown): { ok: true; data: z.output<S> } | { ok: false; issues: ContractIssue[] } {
  const r = schema.safeParse(body, { error: chineseIssue });
  if (r.success) return { ok: true, data: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ field: i.path.length ? i.path.map((p) => (typeof p === 'number' ? p : String(p))) : undefined, message: i.message })),
  };
}

export interface ContractSubmitOptions<V> {
  /** the request body from the form's values (dates formatted, fields renamed); the values themselves when absent */
  toBody?: (values: V) => unknown;
  /** a body field that the form names differently: body key → form field name */
  fields?: Record<string, NamePath | string>;
  /** an issue no form field shows (the form as a whole) */
  onFormError?: (message: string) => void;
}

/**
 * An antd `onFinish` that validates with the contract first: on bad values the Chinese messages go on the fields
 * and `submit` is not called; on good values `submit` gets the parsed body.
 */
export function contractSubmit<S extends z.ZodType, V>(form: FormInstance<V>, schema: S, submit: (body: z.output<S>, values: V) => void, opts: ContractSubmitOptions<V> = {}) {
  return (values: V) => {
    const r = checkContract(schema, opts.toBody ? opts.toBody(values) : values);
    if (r.ok) return submit(r.data, values);
    const byField = new Map<string, { name: NamePath; errors: string[] }>();
    for (const issue of r.issues) {
      const head = issue.field?.[0];
      const mapped = head === undefined ? undefined : opts.fields?.[String(head)];
      const path = mapped === undefined ? issue.field : [...(typeof mapped === 'string' ? [mapped] : mapped), ...(issue.field?.slice(1) ?? [])];
      // a field the form does not render cannot show its message: the form as a whole does
      const name = path && renderedField(form, path);
      if (!name) {
        opts.onFormError?.(issue.message);
        continue;
      }
      const key = JSON.stringify(name);
      const entry = byField.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
      byField.set(key, entry);
    }
    const fields = [...byField.values()];
    form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
    if (fields[0]) form.scrollToField(fields[0].name as never);
  };
}

/** The rendered field that shows an issue at `path`: the field itself or the one holding it (a list, a date). */
function renderedField<V>(form: FormInstance<V>, path: NamePath): NamePath | undefined {
  // antd lists the registered fields when asked for their errors
  const hit = form.getFieldsError().find((f) => f.name.length <= path.length && f.name.every((p, i) => String(p) === String(path[i])));
  return hit?.name as NamePath | undefined;
}
