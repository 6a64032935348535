// @vitest-environment jsdom
// Forms check their values with the server's request schema before submitting: a bad value gets the Chinese message
// on its field and nothing is sent; where a schema has no message of its own the fallback is Chinese too.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Button, Form, Input, InputNumber } from 'antd';
import { z } from 'zod';
import { userCreateBody } from '@anjian/domain/contract/auth';
import { chineseIssue, checkContract, contractSubmit } from '../../src/lib/contractForm';
import './setup';

const file = vi.fn();
vi.mock('../../src/api/complaints', () => ({ complaintsApi: { file: (...a: unknown[]) => file(...a) } }));

const { default: PublicComplaintPage } = await import('../../src/pages/complaints/PublicComplaintPage');

describe('contract-validated forms', () => {
  it('R37: the public complaint form refuses a blank unit name with the schema message and sends nothing', async () => {
    render(
      <MemoryRouter>
        <PublicComplaintPage />
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByLabelText('被举报单位名称'), { target: { value: '   ' } });
    fireEvent.change(screen.getByLabelText('举报内容'), { target: { value: '该企业夜间在仓库违规动火作业，未办理动火审批手续。' } });
    fireEvent.change(screen.getByLabelText('举报人姓名'), { target: { value: '李四' } });
    fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '13800001234' } });
    fireEvent.click(screen.getByRole('button', { name: /提交举报/ }));
    // the message of publicComplaintBody.enterpriseName, shown under the field
    await waitFor(() => expect(document.querySelector('.ant-form-item-has-error')?.textContent).toContain('请填写被举报单位的名称'), { timeout: 5000 });
    expect(file).not.toHaveBeenCalled();
  });

  it('a schema without its own messages still speaks Chinese, on the right fields, and blocks the submit', async () => {
    const schema = z.object({ count: z.number().int().positive(), name: z.string().trim().min(3).max(5) });
    const submit = vi.fn();
    function Harness() {
      const [form] = Form.useForm<{ count?: number; name?: string }>();
      return (
        <Form form={form} onFinish={contractSubmit(form, schema, submit)}>
          <Form.Item name="count" label="数量">
            <InputNumber />
          </Form.Item>
          <Form.Item name="name" label="名称">
            <Input />
          </Form.Item>
          <Button htmlType="submit">保存</Button>
        </Form>
      );
    }
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: 'ab' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('请填写此项')).toBeTruthy();
    expect(await screen.findByText('不少于3个字')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('名称'), { target: { value: ' 甲乙丙 ' } });
    fireEvent.change(screen.getByLabelText('数量'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    // the parsed body goes out (trimmed as the server would)
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ count: 2, name: '甲乙丙' }, expect.anything()));
  });

  it('R4: a new login with a bad user name, a one-character name and no role is refused field by field, in Chinese', () => {
    const r = checkContract(userCreateBody, { username: 'a b', password: 'Abc12345', displayName: ' 张 ' });
    expect(r.ok).toBe(false);
    const byField = Object.fromEntries((r.ok ? [] : r.issues).map((i) => [String(i.field?.[0]), i.message]));
    expect(byField).toEqual({ username: '用户名应为3至32位字母、数字或 . _ -', displayName: '姓名至少2个字', role: '请选择角色' });
    const good = checkContract(userCreateBody, { username: ' wang.li ', password: 'Abc12345', displayName: ' 王丽 ', role: 'officer', agencyId: 3 });
    expect(good).toEqual({ ok: true, data: { username: 'wang.li', password: 'Abc12345', displayName: '王丽', role: 'officer', agencyId: 3 } });
  });

  it('every fallback message is Chinese', () => {
    const schema = z.object({
      n: z.number().positive(),
      m: z.number().max(3),
      list: z.array(z.string()).min(2).max(3),
      kind: z.enum(['a', 'b']),
      day: z.string().regex(/^\d{4}$/),
    });
    const r = checkContract(schema, { n: 0, m: 9, list: ['x'], kind: 'c', day: 'x' });
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.issues.map((i) => i.message);
    expect(messages).toEqual(['应大于0', '不能大于3', '至少选择2项', '请选择有效的选项', '格式不正确']);
    for (const m of messages) expect(m).not.toMatch(/[A-Za-z]/);
    expect(chineseIssue({ code: 'invalid_type', expected: 'string', input: undefined } as never)).toBe('请填写此项');
  });
});
