import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Renderer development without Electron: run `npx marketdesk serve --port 8787` in one terminal and
 * `npm run dev:renderer` in another, then open http://localhost:5173/?token=<serve's token>.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  plugins: [react()],
  server: {
    proxy: { '/ws': { target: 'ws://127.0.0.1:8787', ws: true } },
  },
});
