module.exports = {
  spec: ['test/workers/**/*.spec.ts'],
  'node-option': ['import=tsx'],
  require: ['test/support/root-hooks.ts'],
  timeout: 30000,
  reporter: 'spec',
  // a zeebe-node client of a suite whose engine stopped first can keep its channel open; exit once the tests are done
  exit: true,
};
