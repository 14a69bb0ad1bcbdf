/** esbuild's text loader turns each .md into its content. */
declare module '*.md' {
  const content: string;
  export default content;
}
