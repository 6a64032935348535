import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './app/App';
import { syncOnlineState, watchReachability } from './app/persist';
import { queryClient } from './app/queryClient';
import { registerServiceWorker } from './app/pwa';
import './styles.css';

dayjs.locale('zh-cn');
syncOnlineState();
watchReachability(queryClient);
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
