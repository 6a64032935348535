import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';

export function NotFound({ title, subTitle, backTo, backText }: { title: string; subTitle?: string; backTo: string; backText: string }) {
  const navigate = useNavigate();
  return (
    <div data-testid="not-found">
    <Result
      status="404"
      title={title}
      subTitle={subTitle ?? '该记录不存在，或不在本机构的管辖范围内。'}
      extra={
        <Button type="primary" onClick={() => navigate(backTo)}>{backText}</Button>
      }
    />
    </div>
  );
}
