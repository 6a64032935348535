// Upload of rectification / reinspection evidence (photos, PDF, audio, video) to POST /api/hazards/:id/evidence — or,
// with `upload`, elsewhere (the party's attachments of a penalty case, R27).
// Each file gets its own record id, so a retry after a lost connection neither duplicates nor loses it.
import { useRef, useState } from 'react';
import { Upload, type UploadFile, type UploadProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { hazardsApi, newClientId, type Evidence } from '../../api/hazard';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,image/gif,application/pdf,video/mp4,video/webm,video/quicktime,audio/mpeg,audio/mp4,audio/x-m4a,audio/wav';
const MAX_BYTES = 50 * 1024 * 1024;

export function EvidenceUploader({
  hazardId,
  upload,
  onChange,
  testId,
  label = '上传照片',
}: {
  hazardId?: number;
  /** where to send each file (default: the hazard's evidence) */
  upload?: (file: File, clientId: string) => Promise<Evidence>;
  /** the evidence uploaded so far (successful files only, in order) */
  onChange: (items: Evidence[]) => void;
  testId?: string;
  label?: string;
}) {
  const [files, setFiles] = useState<UploadFile<Evidence>[]>([]);
  const clientIds = useRef(new Map<string, string>());

  const emit = (list: UploadFile<Evidence>[]) => onChange(list.filter((f) => f.status === 'done' && f.response).map((f) => f.response!));

  const props: UploadProps<Evidence> = {
    accept: ACCEPT,
    multiple: true,
    listType: 'picture-card',
    fileList: files,
    beforeUpload: (file) => {
      if (file.size > MAX_BYTES) {
        setFiles((prev) => [...prev, { uid: file.uid, name: file.name, status: 'error', error: new Error('单个文件不能超过 50 MB') }]);
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    customRequest: ({ file, onSuccess, onError }) => {
      const f = file as File & { uid: string };
      let cid = clientIds.current.get(f.uid);
      if (!cid) {
        cid = newClientId();
        clientIds.current.set(f.uid, cid);
      }
      (upload ? upload(f, cid) : hazardsApi.uploadEvidence(hazardId!, f, cid)).then(
        (ev) => onSuccess?.(ev),
        (e: unknown) => onError?.(Object.assign(new Error(errorMessage(e)), { status: 0, method: 'POST' as const, url: '' })),
      );
    },
    onChange: ({ fileList }) => {
      const list = fileList.map((f) => {
        if (f.status === 'done' && f.response) return { ...f, url: f.response.url, thumbUrl: f.response.mime.startsWith('image/') ? f.response.url : undefined };
        if (f.status === 'error') return { ...f, response: undefined, error: f.error, name: f.name };
        return f;
      });
      setFiles(list);
      emit(list);
    },
    showUploadList: { showPreviewIcon: false, showRemoveIcon: true },
    itemRender: (node, file) => (
      <div title={file.status === 'error' ? `上传失败：${file.error?.message ?? ''}` : file.name} className="hz-upload-item" data-status={file.status}>
        {node}
      </div>
    ),
  };

  return (
    <div className="hz-uploader" data-testid={testId}>
      <Upload<Evidence> {...props}>
        <button type="button" className="hz-upload-btn" aria-label={label}>
          <PlusOutlined />
          <div>{label}</div>
        </button>
      </Upload>
      {files.some((f) => f.status === 'error') ? (
        <div className="hz-upload-errors text-danger">
          {files
            .filter((f) => f.status === 'error')
            .map((f) => (
              <div key={f.uid}>
                {f.name}：{f.error?.message ?? '上传失败'}
              </div>
            ))}
        </div>
      ) : null}
    </div>
  );
}
