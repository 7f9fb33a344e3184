/** Vite's `?raw` imports: a file's text as a string (highlights.ts reads its stylesheet so). */
declare module '*.css?raw' {
  const text: string;
  export default text;
}
