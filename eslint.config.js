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
    // legal/ is pure (legal/README.md): the workers, the API and the console all import it, so it imports nothing of theirs,
    // no package (each would end up in the console bundle; add a pure one here deliberately) and reads no clock
    files: ['legal/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/api/**', '**/web/**', '**/engine/**', '**/engine-workers/**', '**/db/**', '**/migrations/**', '**/scripts/**', '**/test/**'], message: 'legal/ is pure: it imports nothing from the deployables (legal/README.md)' },
          { regex: '^(?!\\.{1,2}/)', message: 'legal/ is pure TypeScript without dependencies: no packages, no node: modules (legal/README.md)' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['process', 'Buffer', 'require', 'window', 'document', 'navigator', 'localStorage', 'fetch', 'setTimeout', 'setInterval'].map((name) => ({ name, message: 'legal/ is pure: no Node or browser APIs' }))],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'legal/ reads no clock: take `now` as an argument' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'legal/ reads no clock: take `now` as an argument' },
        { selector: 'CallExpression[callee.property.name=/^(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)$|^getTimezoneOffset$|^toLocale(Date|Time)?String$/]', message: "legal/ counts in China time with a fixed +08:00 offset: use china-time.ts, not the machine's time zone" },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,vue}'],
    rules: {
      // web/api/ is the console's own typed HTTP client; the server's modules and packages stay out of the bundle.
      // legal/ (the pure legal calendar) is allowed: it is not a server module.
      'no-restricted-imports': ['error', { paths: ['knex', 'pg', 'express', 'pino', 'zeebe-node'], patterns: [{ group: ['**/engine/**', '**/db/**', '**/engine-workers/**', '**/migrations/**'], message: 'the console talks to the server over HTTP only' }] }],
    },
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
