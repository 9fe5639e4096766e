import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // shared/ runs in the mini-program and in functions: no Taro, no SDK, no Node built-ins.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@tarojs/*', '@cloudbase/*', 'node:*', 'react', 'mobx*'] }],
    },
  },
  {
    // Functions share code through _lib/ and shared/, never another function's use cases; no client code.
    files: ['cloudfunctions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*/usecases', '../*/usecases/*', '../../*/usecases', '../../*/usecases/*'], message: 'Move what two functions need to cloudfunctions/_lib or shared/.' },
            { group: ['**/client/**', '**/emulator/**', '@tarojs/*', 'react', 'mobx*'], message: 'Functions run in CloudBase: no client or emulator code.' },
          ],
        },
      ],
    },
  },
  {
    // The client knows the functions by their types only (client/services/api.ts): a value import would
    // bundle server code (and the node SDK) into the mini-program.
    files: ['client/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cloudfunctions/**', '**/emulator/**', '@cloudbase/node-sdk'],
              allowTypeImports: true,
              message: 'The client may import functions and the emulator only as types (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
)
