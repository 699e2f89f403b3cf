// Builds a React page with Vite's JS API into a folder and serves it from 127.0.0.1. The grid
// bench and the grid's browser test both use it, so the Grid runs as the app bundles it.
import react from '@vitejs/plugin-react';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';

/** `entry` (a .tsx in `root`) and its CSS into `outDir`, with an index.html that loads them. `minify` off keeps names for profiles. */
export async function buildPage(root: string, entry: string, outDir: string, title: string, minify = true): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      manifest: 'manifest.json',
      target: 'chrome140',
      minify,
      rollupOptions: { input: join(root, entry) },
    },
  });
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Record<
    string,
    { file: string; css?: string[]; isEntry?: boolean }
  >;
  const chunk = Object.values(manifest).find((c) => c.isEntry);
  if (!chunk) throw new Error(`the ${title} build has no entry chunk`);
  const css = (chunk.css ?? []).map((file) => `<link rel="stylesheet" href="/${file}">`).join('');
  // No inline script or style: the same CSP rules as the app.
  await writeFile(
    join(outDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${css}</head>` +
      `<body><div id="root"></div><script type="module" src="/${chunk.file}"></script></body></html>`,
  );
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export interface ServedPage {
  url: string;
  close: () => void;
}

/** Serves `dir` on a free loopback port; paths cannot climb out of it. */
export function servePage(dir: string): Promise<ServedPage> {
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}
