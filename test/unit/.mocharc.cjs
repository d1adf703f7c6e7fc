module.exports = {
  spec: ['test/unit/**/*.spec.ts'],
  'node-option': ['import=tsx'],
  timeout: 5000,
  reporter: 'spec',
};
