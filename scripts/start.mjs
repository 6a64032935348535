// `npm start`: build the web app if its sources are newer than the build, then run the server
// (TypeScript through tsx, in this same process so signals reach it directly).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'packages/web');
const built = path.join(web, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(path.join(web, 'src')),
  statSync(path.join(web, 'index.html')).mtimeMs,
  newest(path.join(web, 'public')),
  statSync(path.join(web, 'vite.config.ts')).mtimeMs,
  newest(path.join(root, 'packages/domain/src')),
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('正在构建前端页面（首次启动或代码有更新）…');
  execSync('npx vite build --logLevel warn', { cwd: web, stdio: 'inherit' });
}

const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'packages/server/src/main.ts'));
