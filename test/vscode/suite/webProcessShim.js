// The `assert` package (node:assert for the web suite) reads a few `process` fields.
export const process = {
  env: {},
  emitWarning: (...args) => console.warn(...args),
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
};
