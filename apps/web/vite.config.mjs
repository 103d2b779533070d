// The web app is built to static files (dist/web) that the API serves under /app; it uses only the public API.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  // The shared vocabulary (stages, inbox addresses …) and the pure domain rules, without Temporal (see libs/contracts).
  resolve: {
    alias: {
      '@ocop/model': fileURLToPath(new URL('../../libs/contracts/src/model/index.ts', import.meta.url)),
      '@ocop/domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
    },
  },
  // Vite 8 compiles TSX with Oxc; the automatic runtime needs no React import in every file.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Maps for our own debugging, referenced from no bundle and never served (apps/api/src/web-app.ts).
    sourcemap: 'hidden',
    rollupOptions: {
      // The domain library is pure: a module of it the screens do not use (the holiday calendar and its lunar-calendar
      // library, for one) stays out of the bundle instead of being kept for side effects it does not have.
      treeshake: { moduleSideEffects: (id) => !/[\\/]libs[\\/]domain[\\/]|[\\/]lunar-javascript[\\/]/.test(id) },
      // React Router marks modules "use client" for server components; meaningless in a static build.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '^/(?!app/).*': 'http://localhost:3000' } },
  logLevel: 'warn',
});
