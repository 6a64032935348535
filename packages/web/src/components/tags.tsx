import { Tag } from 'antd';
import { agencyLevelLabels, labelOf, riskCodeLabels, type AgencyLevel, type RiskCode } from '@anjian/domain/enums';
import type { CredentialStatus, Officer } from '../api';
import { shanghaiToday } from '../api/hazard';

export const riskColors: Record<RiskCode, string> = {
  red: '#d9363e',
  yellow: '#e8a317',
  blue: '#1f6fd1',
  green: '#2f9e44',
};
const riskTagColors: Record<RiskCode, string> = { red: 'red', yellow: 'gold', blue: 'blue', green: 'green' };

export function RiskTag({ value }: { value: RiskCode | string | null | undefined }) {
  if (!value) return <span>—</span>;
  const code = value as RiskCode;
  return (
    <Tag color={riskTagColors[code] ?? 'default'} data-risk={value}>
      <span className="risk-dot" style={{ background: riskColors[code] ?? '#999' }} />
      {labelOf(riskCodeLabels, value)}
    </Tag>
  );
}

const credentialTag: Record<CredentialStatus, { color: string; text: string }> = {
  valid: { color: 'green', text: '有效' },
  expiring: { color: 'orange', text: '即将到期' },
  expired: { color: 'red', text: '已过期' },
};

export function CredentialTag({ value }: { value: CredentialStatus }) {
  const t = credentialTag[value] ?? { color: 'default', text: value };
  return (
    <Tag color={t.color} variant={value === 'expired' ? 'solid' : undefined} data-credential={value}>
      {t.text}
    </Tag>
  );
}

/** The officer's standing in one tag: 已离职 / 执法证已注销 / the credential's own status. */
export function OfficerStandingTag({ o }: { o: Pick<Officer, 'leftOn' | 'credentialRevokedOn' | 'credentialStatus'> }) {
  const today = shanghaiToday();
  if (o.leftOn && o.leftOn <= today) return <Tag>已离职</Tag>;
  if (o.credentialRevokedOn && o.credentialRevokedOn <= today) return <Tag color="red">执法证已注销</Tag>;
  return <CredentialTag value={o.credentialStatus} />;
}

const levelColors: Record<AgencyLevel, string> = {
  province: 'magenta',
  city: 'volcano',
  county: 'geekblue',
  township: 'cyan',
};

export function LevelTag({ value }: { value: AgencyLevel | string | null | undefined }) {
  if (!value) return null;
  return <Tag color={levelColors[value as AgencyLevel] ?? 'default'}>{labelOf(agencyLevelLabels, value)}</Tag>;
}
