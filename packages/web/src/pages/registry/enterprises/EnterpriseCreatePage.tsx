import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form } from 'antd';
import { api, isApiError, errorMessage } from '../../../api';
import { useMe } from '../../../app/auth';
import { showError, showSuccess } from '../../../app/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { EnterpriseForm, type EnterpriseFormValues } from './EnterpriseForm';
import { enterpriseKeys, homeKeys } from '../../../api/keys';

export default function EnterpriseCreatePage() {
  const [form] = Form.useForm<EnterpriseFormValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [serverError, setServerError] = useState<string | null>(null);
  const agencyId = me?.agency?.id;
  const initial = useMemo(() => (agencyId != null ? { supervisingAgencyId: agencyId } : undefined), [agencyId]);

  const create = useMutation({
    mutationFn: (v: EnterpriseFormValues) => api.createEnterprise({ ...v, creditCode: v.creditCode.trim().toUpperCase() }),
    meta: { silent: true },
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
      void queryClient.invalidateQueries({ queryKey: homeKeys.statsAll });
      showSuccess(`已新增企业：${e.name}`);
      navigate(`/enterprises/${e.id}`, { replace: true });
    },
    onError: (e) => {
      const msg = errorMessage(e);
      setServerError(msg);
      showError(e);
      if (isApiError(e)) {
        if (e.code === 'INVALID_CREDIT_CODE' || (e.code === 'CONFLICT' && /信用代码/.test(msg))) {
          form.setFields([{ name: 'creditCode', errors: [msg] }]);
        }
      }
    },
  });

  return (
    <>
      <PageHeader title="新增企业" sub="带 * 的为必填项；统一社会信用代码保存后不可修改" />
      <EnterpriseForm
        mode="create"
        form={form}
        initial={initial}
        submitting={create.isPending}
        serverError={serverError}
        onSubmit={(v) => {
          setServerError(null);
          create.mutate(v);
        }}
        onCancel={() => navigate(-1)}
      />
    </>
  );
}
