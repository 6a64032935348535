// R34: the page /oversight/alerts — the alerts panel under a header.
import { PageHeader } from '../../../components/PageHeader';
import { AlertsPanel } from './AlertsPanel';

export default function AlertsPage() {
  return (
    <>
      <PageHeader title="执法监督预警" sub="对照《监管执法领域突出问题清单》自动检出的执法不作为、不规范问题" />
      <AlertsPanel />
    </>
  );
}
