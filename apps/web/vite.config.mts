import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// No React plugin: Vite 8's built-in oxc transform compiles TSX with the automatic runtime, and
// the app needs no fast refresh (it is built, then served by the api).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      // React libraries mark modules "use client" for server components; a browser bundle needs no such marker.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
