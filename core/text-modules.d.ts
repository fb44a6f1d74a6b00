// Data files bundled as text (esbuild 'text' loader; a vitest plugin does the same in tests).
declare module '*.tsv' {
  const text: string;
  export default text;
}
