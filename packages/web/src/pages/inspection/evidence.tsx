// Photos, audio and video on site (R16–R18, R35). The original file is kept as taken and sealed at once — its SM3
// hash, the phone's time and position (capture.ts) — then goes through the outbox, so it can be taken without
// network; the server checks the hash against the bytes it receives.
import { useEffect, useMemo, useRef } from 'react';
import { Button, Image, Tag } from 'antd';
import { AudioOutlined, CameraOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { evidenceKindOfMime } from '@anjian/domain/inspection';
import type { EvidenceItem, InspectionDetail } from '../../api/inspection';
import { showError } from '../../app/feedback';
import { fmtDateTime } from '../../app/format';
import { capturePhoto, newClientId, type OutboxEntry } from './offline';

const MAX_BYTES = 50 * 1024 * 1024;

export function PhotoButton({ inspectionId, itemCode, findingClientId, label }: { inspectionId: number; itemCode?: string | null; findingClientId?: string; label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size="small" icon={<CameraOutlined />} onClick={() => input.current?.click()} aria-label={label ?? `拍照取证 ${itemCode ?? ''}`.trim()}>
        {label ?? '取证'}
      </Button>
      <input
        ref={input}
        type="file"
        accept="image/*,audio/*,video/*"
        hidden
        data-testid={`evidence-input-${findingClientId ?? itemCode ?? 'inspection'}`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          for (const f of files) {
            if (f.size > MAX_BYTES) {
              showError(new Error(`${f.name} 超过 50 MB，无法上传`));
              continue;
            }
            capturePhoto(inspectionId, { clientId: newClientId(), itemCode: itemCode ?? null, findingClientId: findingClientId ?? null }, f, f.name || 'photo.jpg').catch(showError);
          }
        }}
      />
    </>
  );
}

type Shown = { key: string; kind: string; url: string; name: string; unsent: boolean; sm3?: string; capturedAt?: string | null; uploadedAt?: string };

const hhmm = (iso: string) => fmtDateTime(iso).slice(11, 16);

/** The evidence attached to one item or finding: stored files, then the ones still on the phone. */
export function EvidenceStrip({ detail, pending, match }: { detail: InspectionDetail; pending: OutboxEntry[]; match: (e: Pick<EvidenceItem, 'itemCode' | 'findingClientId'>) => boolean }) {
  const stored = detail.evidence.filter(match);
  const local = pending.filter((e) => {
    const op = e.op;
    return op.kind === 'evidence' && match({ itemCode: op.fields.itemCode ?? null, findingClientId: op.fields.findingClientId ?? null }) && !detail.evidence.some((x) => x.clientId === op.fields.clientId);
  });
  const urls = useMemo(() => local.map((e) => (e.op.kind === 'evidence' ? URL.createObjectURL(e.op.blob) : '')), [local.map((e) => e.key).join()]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  const shown: Shown[] = [
    ...stored.map((e) => ({ key: e.clientId, kind: e.kind, url: e.url, name: e.originalName, unsent: false, sm3: e.sm3, capturedAt: e.capturedAt, uploadedAt: e.createdAt })),
    ...local.map((e, i) =>
      e.op.kind === 'evidence'
        ? { key: e.key, kind: evidenceKindOfMime(e.op.blob.type), url: urls[i]!, name: e.op.name, unsent: e.sentAt == null, sm3: e.op.capture?.sm3, capturedAt: e.op.capture?.capturedAt }
        : { key: e.key, kind: 'file', url: '', name: '', unsent: true },
    ),
  ];
  if (shown.length === 0) return null;
  return (
    <div className="evidence-strip" data-testid="evidence-strip">
      {shown.map((s) => (
        <div
          key={s.key}
          className="evidence-thumb"
          data-testid={s.unsent ? 'evidence-unsent' : 'evidence-stored'}
          title={[s.sm3 && `SM3 ${s.sm3}`, s.capturedAt && `拍摄时间 ${fmtDateTime(s.capturedAt)}`, s.uploadedAt && `上传时间 ${fmtDateTime(s.uploadedAt)}`].filter(Boolean).join('\n')}
        >
          {s.kind === 'photo' ? (
            <Image src={s.url} width={64} height={64} style={{ objectFit: 'cover' }} alt={s.name} />
          ) : (
            <a href={s.url} target="_blank" rel="noreferrer" className="evidence-file">
              {s.kind === 'audio' ? <AudioOutlined /> : <VideoCameraOutlined />}
            </a>
          )}
          {s.unsent ? <Tag color="warning">未同步</Tag> : <Tag color="success">已存证</Tag>}
          {s.capturedAt && <span className="evidence-time">拍摄 {hhmm(s.capturedAt)}</span>}
          {s.uploadedAt && <span className="evidence-time">上传 {hhmm(s.uploadedAt)}</span>}
        </div>
      ))}
    </div>
  );
}

