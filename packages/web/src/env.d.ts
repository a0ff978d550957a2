/// <reference types="vite/client" />

/** The package version, set at build time (reported by saved results as the tool version). */
declare const __VERSION__: string;
