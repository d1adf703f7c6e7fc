module.exports = {
  spec: ['test/workers/**/*.spec.ts'],
  'node-option': ['import=tsx'],
  require: ['test/support/root-hooks.ts'],
  timeout: 30000,
  reporter: 'spec',
};
