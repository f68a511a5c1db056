/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The Flask dev server (./dev run) answers the API on port 5000; `npm run dev`
// proxies to it so the app stays same-origin, exactly as in production.
const backend = process.env.MEND_BACKEND ?? 'http://127.0.0.1:5000'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
  build: {
    // Keep the bundle free of inline scripts and data: URLs for scripts (CSP: script-src 'self').
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    css: false,
  },
})
