// The GitHub Action entry point (built into dist/index.js).
export {};
