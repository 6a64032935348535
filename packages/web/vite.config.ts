import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root,
  base: '/',
  // the phone's persisted query cache is dropped when the app version changes (app/persist.ts)
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    react(),
    // Installable app and an app shell that opens with no network (docs/offline.md). The service worker precaches
    // the built files only; it never caches /api — the app keeps the officer's data itself (IndexedDB).
    VitePWA({
      registerType: 'prompt', // a new version waits for the officer's tap (main.tsx), never reloads mid-inspection
      injectRegister: false,
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        id: '/',
        name: '安监执法平台',
        short_name: '安监执法',
        description: '安全生产监管执法信息系统',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/start', // → 今日 for officers, the home page for others (App.tsx)
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0d2b52',
        background_color: '#f5f7fa',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff,woff2,svg,png,webmanifest}'],
        // the charts chunk is large; the officer's pages do not need it, but a whole shell is simpler to reason about
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        // API calls, file downloads and the QR codes are the server's, never the shell's
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // the first install takes the open page at once (it can open offline from then on); later versions still
        // wait for the officer's tap, as the plugin's prompt mode keeps skipWaiting off
        clientsClaim: true,
        runtimeCaching: [],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-|@rc-component)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
