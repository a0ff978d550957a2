// The pdf.js worker module ships without types; the PDF reader only hands its message handler to pdf.js.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
