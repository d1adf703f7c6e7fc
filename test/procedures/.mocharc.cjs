module.exports = {
  spec: ['test/procedures/**/*.spec.ts'],
  'node-option': ['import=tsx'],
  require: ['test/support/root-hooks.ts'],
  timeout: 20000,
  reporter: 'spec',
};
