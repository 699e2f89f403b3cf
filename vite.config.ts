import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { productDefines } from './scripts/productConfig';

// Builds the renderer into dist/renderer. The same bundle is served by the app:// scheme in
// Electron and by the loopback server in browser mode, so no dev server is involved.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  define: productDefines(),
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or data: modules: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome140',
  },
});
