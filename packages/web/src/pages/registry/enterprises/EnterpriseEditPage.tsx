import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Skeleton } from 'antd';
import { api, ApiError, errorMessage, type Enterprise, type EnterprisePatch } from '../../../api';
import { getMessage, showError, showSuccess } from '../../../app/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { NotFound } from '../../../components/NotFound';
import { EnterpriseForm, type EnterpriseFormValues } from './EnterpriseForm';
import { editableFields, useEnterprise } from './useEnterprise';
import { enterpriseKeys, homeKeys, registryKeys } from '../../../api/keys';

export const STALE_MESSAGE = '数据已被他人修改，请刷新后重试';

export default function EnterpriseEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const { data: ent, isLoading, error, refetch } = useEnterprise(id);
  const [serverError, setServerError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const save = useMutation({
    mutationFn: (body: EnterprisePatch) => api.updateEnterprise(id!, body),
    meta: { silent: true },
    onSuccess: (updated) => {
      queryClient.setQueryData(['enterprise', id], updated);
      void queryClient.invalidateQueries({ queryKey: registryKeys.enterpriseHistory(id) });
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
      void queryClient.invalidateQueries({ queryKey: homeKeys.statsAll });
      showSuccess('已保存修改');
      navigate(`/enterprises/${id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        setStale(true);
        setServerError(STALE_MESSAGE);
        getMessage().error({ content: STALE_MESSAGE, key: 'stale' });
        return;
      }
      setServerError(errorMessage(e));
      showError(e);
    },
  });

  if (isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (error && error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return <NotFound title="未找到该企业" backTo="/enterprises" backText="返回企业名录" />;
  }
  if (!ent) return null;

  const submit = (values: EnterpriseFormValues) => {
    setServerError(null);
    const patch: Partial<Record<keyof Enterprise, unknown>> = {};
    for (const f of editableFields) {
      const next = (values as Record<string, unknown>)[f];
      if (next !== undefined && next !== (ent as unknown as Record<string, unknown>)[f]) patch[f] = next;
    }
    if (Object.keys(patch).length === 0) {
      getMessage().info('没有修改任何内容');
      return;
    }
    save.mutate({ ...(patch as Partial<EnterprisePatch>), version: ent.version });
  };

  return (
    <>
      <PageHeader title={`编辑企业：${ent.name}`} sub={`统一社会信用代码 ${ent.creditCode}`} />
      <EnterpriseForm
        mode="edit"
        form={form}
        initial={ent}
        submitting={save.isPending}
        serverError={serverError}
        serverErrorExtra={
          stale ? (
            <Button
              size="small"
              onClick={async () => {
                const r = await refetch();
                if (r.data) form.setFieldsValue(r.data as EnterpriseFormValues);
                setStale(false);
                setServerError(null);
              }}
            >
              刷新
            </Button>
          ) : undefined
        }
        onSubmit={submit}
        onCancel={() => navigate(`/enterprises/${id}`)}
      />
    </>
  );
}
