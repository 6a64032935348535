/** the web package's version (vite.config.ts `define`): a new version drops the phone's persisted query cache */
declare const __APP_VERSION__: string;
