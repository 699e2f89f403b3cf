// Types for electron-bundles.mjs, which a test imports.
import type { BuildOptions } from 'esbuild';

export declare const bundles: Record<'main' | 'preload' | 'previewWorker', BuildOptions>;
