// Lint for defects and boundaries, not style: typescript-eslint's recommended (non-type-checked, so it stays fast),
// the rules of hooks for the web, and the import boundaries of docs/architecture.md (domain stands alone; a page
// folder reaches another only through that folder's shared module). Import cycles: scripts/import-cycles.mjs.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';

const pagesDir = path.resolve('packages/web/src/pages');

/** A page folder (pages/<a>/…) imports another page folder only through pages/<b>/shared.ts(x). */
const pageBoundaries = {
  meta: { type: 'problem', schema: [], messages: { internal: "pages/{{from}} reaches into pages/{{to}}'s internals ({{source}}); import it from pages/{{to}}/shared instead" } },
  create(context) {
    const file = context.filename;
    if (!file.startsWith(pagesDir + path.sep)) return {};
    const folderOf = (p) => path.relative(pagesDir, p).split(path.sep)[0];
    const from = folderOf(file);
    const check = (node) => {
      const source = node.source?.value;
      // stylesheets are global under Vite: importing another folder's only states the dependency
      if (typeof source !== 'string' || !source.startsWith('.') || source.endsWith('.css')) return;
      const target = path.resolve(path.dirname(file), source);
      if (!target.startsWith(pagesDir + path.sep)) return;
      const to = folderOf(target);
      if (to === from) return;
      const inner = path.relative(path.join(pagesDir, to), target);
      if (inner === 'shared') return;
      context.report({ node: node.source, messageId: 'internal', data: { from, to, source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'packages/web/dev-dist/**', '**/*.d.ts', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX, local: { rules: { 'page-boundaries': pageBoundaries } } },
    rules: {
      // `_name` marks an argument kept for its position; rest siblings drop a field on purpose
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // the store's rows and third-party payloads are typed at the boundary; `any` is reviewed, not banned
      '@typescript-eslint/no-explicit-any': 'off',
      // documents and report sheets pad Chinese text with the ideographic space U+3000 on purpose
      'no-irregular-whitespace': ['error', { skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'local/page-boundaries': 'error',
    },
  },
  {
    // the rules and the contract run in the browser, the server and the phone alike
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['@anjian/server', '@anjian/server/*', '@anjian/web', '@anjian/web/*', '**/server/**', '**/web/**'], message: 'domain imports nothing of the server or the web' }] }],
    },
  },
  {
    // Node scripts; `document` appears in functions they hand to the browser (page.evaluate)
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', document: 'readonly' } },
  },
);
