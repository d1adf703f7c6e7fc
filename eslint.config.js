// @ts-check
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

/** Import boundaries of STYLE.md §7.2: the engine is self-contained; api/ and engine-workers/ reach it only over gRPC. */
const engineInternals = ['**/engine/*', '**/engine/**', '!**/engine/index.js'];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'test/artifacts/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] }, globals: globals.browser },
  },
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/**', '**/web/**', '**/engine-workers/**'], message: 'engine/ imports nothing from api/, web/ or engine-workers/ (STYLE §7.2)' }] }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'engine/ takes time from the injected Clock' }],
    },
  },
  {
    // the one place that reads the system clock
    files: ['engine/clock.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['api/**/*.ts', 'engine-workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: engineInternals, message: 'api/ and engine-workers/ talk to the engine only through the gateway protocol (zeebe-node)' }, { group: ['**/web/**'], message: 'the server does not import the console' }] }],
    },
  },
  {
    files: ['web/**/*.{ts,vue}'],
    rules: {
      // web/api/ is the console's own typed HTTP client; the server's modules and packages stay out of the bundle
      'no-restricted-imports': ['error', { paths: ['knex', 'pg', 'express', 'pino', 'zeebe-node'], patterns: [{ group: ['**/engine/**', '**/db/**', '**/engine-workers/**', '**/migrations/**'], message: 'the console talks to the server over HTTP only' }] }],
    },
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
