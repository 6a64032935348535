// The service worker (vite-plugin-pwa, docs/offline.md): it lets the installed app open with no network. A new
// version is installed in the background and waits: the officer taps the prompt when it suits, so a page is never
// reloaded under them in the middle of an inspection.
import { useSyncExternalStore } from 'react';
import { Button } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { registerSW } from 'virtual:pwa-register';

let updateReady = false;
let update: (() => Promise<void>) | null = null;
const listeners = new Set<() => void>();

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh() {
      updateReady = true;
      for (const l of listeners) l();
    },
    // a long-open phone app still learns of a new version: ask the server hourly (only when online)
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, 3600_000);
    },
  });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/**
 * Activates the waiting service worker and reloads once it controls the page. The reload is ours: workbox-window
 * reloads only when a worker controlled the page when it loaded, not in the session that first installed the app.
 */
function applyUpdate() {
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  void update?.();
}

/** "有新版本，点此更新" */
export function UpdatePrompt() {
  const ready = useSyncExternalStore(subscribe, () => updateReady);
  if (!ready) return null;
  return (
    <div className="update-prompt" role="status">
      <Button type="primary" shape="round" icon={<CloudDownloadOutlined />} onClick={applyUpdate} data-testid="update-prompt">
        有新版本，点此更新
      </Button>
    </div>
  );
}
