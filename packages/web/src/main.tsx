import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './app/App';
import { syncOnlineState } from './app/persist';
import { registerServiceWorker } from './app/pwa';
import './styles.css';

dayjs.locale('zh-cn');
syncOnlineState();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
