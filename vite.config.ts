import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** The browser app: client/ → dist/client, served by the same process as the API. */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
    // The dashboard chunk carries Vega and Vega-Lite (~275 kB gzipped); it loads on /rollup only.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8787',
      '/collab': { target: 'ws://127.0.0.1:8787', ws: true },
    },
  },
})
