// The hall screens' build (npm run build): one page per screen, Preact, into dist/screens.
import path from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  // The pages are served at /, /tra-cuu, /bang-trang-thai and /dieu-hanh; their files under /man-hinh (src/screens/screens.ts).
  base: '/man-hinh/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.resolve(root, '../../../dist/screens'),
    emptyOutDir: true,
    // No inline script: the screens' security policy allows scripts from the hub alone.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        index: path.resolve(root, 'index.html'),
        lookup: path.resolve(root, 'tra-cuu.html'),
        board: path.resolve(root, 'bang-trang-thai.html'),
        dashboard: path.resolve(root, 'dieu-hanh.html'),
      },
    },
  },
});
