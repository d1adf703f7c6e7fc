module.exports = {
  spec: ['test/browser/**/*.spec.ts'],
  'node-option': ['import=tsx'],
  require: ['test/support/root-hooks.ts'],
  timeout: 60000,
  reporter: 'spec',
};
