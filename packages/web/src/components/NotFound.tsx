import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

export function NotFound({ title, subTitle, backTo, backText }: { title: string; subTitle?: string; backTo: string; backText: string }) {
  return (
    <div data-testid="not-found">
    <Result
      status="404"
      title={title}
      subTitle={subTitle ?? '该记录不存在，或不在本机构的管辖范围内。'}
      extra={
        <Link to={backTo}>
          <Button type="primary">{backText}</Button>
        </Link>
      }
    />
    </div>
  );
}
