export default defineBackground(() => {
  // Wiring lives in src/ext; filled in by the extension issue.
});
