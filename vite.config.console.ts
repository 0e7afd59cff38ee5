/** The web console: React + Vite, built into dist/console and served by the Warden server (src/http/console.ts). */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./console', import.meta.url)),
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // hashed assets are cached for good; index.html never is (see src/http/console.ts)
    assetsDir: 'assets',
  },
  server: {
    // `npx vite --config vite.config.console.ts` for development, against `npm start` on 8080
    proxy: { '/v1': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080' },
  },
});
