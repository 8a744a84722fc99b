import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The lookup page (Tra cứu hồ sơ): `?ma=<dossier code>` opens that dossier, as the receipt's QR code does. */
export const LOOKUP_PAGE_PATH = '/tra-cuu';

/** The screens, by address: each one an HTML page of the build (src/screens/web, built by `npm run build`). */
const SCREEN_PAGES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  [LOOKUP_PAGE_PATH]: 'tra-cuu.html',
  '/bang-trang-thai': 'bang-trang-thai.html',
  '/dieu-hanh': 'dieu-hanh.html',
};

/** Where the build's scripts and styles are served (Vite's `base`). */
const ASSETS_PATH = '/man-hinh';

/** The project's root: the folder of package.json above this file (src/screens, or dist/src/screens once built). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The screens as Vite built them. */
const SCREENS_DIR = path.join(projectRoot(), 'dist', 'screens');

/**
 * The screens' own security policy: scripts, styles and data from the hub
 * alone (no CDN, no inline script), and no framing by another site.
 * `connect-src 'self'` covers GraphQL over HTTP and the WebSocket of the
 * same host.
 */
const SCREEN_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the built screens: each page at its address, their files under
 * /man-hinh. When the build is missing (the hub started from its sources
 * without `npm run build`), each page says how to build it.
 */
export function mountScreens(app: Express, dir = SCREENS_DIR): void {
  const setPolicy = (res: express.Response) => res.setHeader('Content-Security-Policy', SCREEN_POLICY);
  app.use(
    `${ASSETS_PATH}/assets`,
    express.static(path.join(dir, 'assets'), {
      index: false,
      fallthrough: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => setPolicy(res),
    }),
  );
  for (const [address, page] of Object.entries(SCREEN_PAGES)) {
    app.get(address, (_req, res) => {
      setPolicy(res);
      res.setHeader('Cache-Control', 'no-cache');
      const file = path.join(dir, page);
      if (!existsSync(file)) {
        res.status(503).type('text/plain; charset=utf-8').send('Màn hình chưa được dựng: chạy `npm run build` (npm start tự làm việc này).');
        return;
      }
      res.sendFile(file);
    });
  }
}
