import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'

/** The browser app: client/ → dist/client, served by the same process as the API. */
export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // A service worker (Workbox) keeps the app shell and every chunk, so the app opens offline.
    // New versions wait for the person to reload (client/offline/update-banner.tsx).
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // The dashboard chunk (Vega) is large but must open offline too.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // Every client route is the app; the API, sync and metrics are never answered from the cache.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/collab/, /^\/metrics/],
        inlineWorkboxRuntime: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
    // Which chunk each page loads, for `npx tsx tests/load/client-weight.ts`.
    manifest: true,
    // Vega and Vega-Lite (~250 kB gzipped) are one chunk, loaded with the dashboard's first chart.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8787',
      '/collab': { target: 'ws://127.0.0.1:8787', ws: true },
    },
  },
})
