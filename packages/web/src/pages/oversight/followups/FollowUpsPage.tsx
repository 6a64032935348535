// 回访 as a page of its own (/oversight/follow-ups); the oversight hub embeds FollowUpsPanel as a tab.
import { PageHeader } from '../../../components/PageHeader';
import { FollowUpsPanel } from './FollowUpsPanel';

export default function FollowUpsPage() {
  return (
    <>
      <PageHeader title="执法回访" sub="行政相对人回访：抽查、问卷记录、核查事项和回访统计" />
      <FollowUpsPanel />
    </>
  );
}
