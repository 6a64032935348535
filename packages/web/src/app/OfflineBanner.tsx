// Shown on every page while the phone has no network (issue #20): what the officer sees is what was saved, and when.
import { Alert } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { meKey } from './auth';
import { savedAtLabel, useOnline } from './useOnline';

export function OfflineBanner() {
  const online = useOnline();
  const qc = useQueryClient();
  if (online) return null;
  // the day's list is what the field works from; without it, when the user was last confirmed
  const saved = qc.getQueryState(['today'])?.dataUpdatedAt || qc.getQueryState(meKey)?.dataUpdatedAt || 0;
  return (
    // a strip across the top of the content, like a status bar: the same on narrow and wide pages
    <Alert
      className="offline-banner"
      banner
      type="warning"
      icon={<DisconnectOutlined />}
      data-testid="offline-banner"
      role="status"
      title={saved ? `当前无网络：显示的是 ${savedAtLabel(saved)} 保存的数据` : '当前无网络：显示的是此前保存的数据'}
    />
  );
}
