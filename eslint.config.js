import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'testing-studio-results/', '.bench/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/providers/**/*.ts', 'src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['@actions/core', '@actions/github', '@actions/artifact'] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Core modules get settings passed in; only entrypoints read the environment.' }],
    },
  },
);
