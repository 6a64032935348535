// "导出Excel" for a ledger: downloads the current filtered list through download() and shows a wait state, since a
// large jurisdiction's export takes a few seconds to build.
import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download, type Query } from '../api/client';
import { getMessage, showError, showSuccess } from '../app/feedback';

export function ExportButton({ path, query, fileName, testId, label = '导出Excel' }: { path: string; query?: Query; fileName: string; testId?: string; label?: string }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const key = `export:${path}`;
    // shown only while it takes longer than a moment
    const slow = setTimeout(() => getMessage().loading({ content: '正在生成Excel文件，数据较多时需要几十秒，请稍候…', key, duration: 0 }), 800);
    try {
      await download(path, query, fileName);
      showSuccess('导出完成，文件已开始下载');
    } catch (e) {
      showError(e);
    } finally {
      clearTimeout(slow);
      getMessage().destroy(key);
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {busy ? '正在导出…' : label}
    </Button>
  );
}
