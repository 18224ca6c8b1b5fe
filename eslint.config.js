// Lint: typescript-eslint's recommended rules, plus the determinism rule of DESIGN.md —
// the simulator never reads the wall clock or an unseeded random source — and, with the
// types (tsconfig.test.json covers every .ts file), switches over a union must name every
// member or say `default:` on purpose, so a new message, event or kind is not silently ignored.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const banned = [
  { object: 'Math', property: 'random', message: 'Use a seeded stream from sim/core/rng.ts.' },
  { object: 'Date', property: 'now', message: 'Simulated time only: the wall clock breaks determinism.' },
  { object: 'performance', property: 'now', message: 'Simulated time only: the wall clock breaks determinism.' },
];

// The Raft folder's front door: from outside the folder, only its index may be imported.
const raftMessage = 'Import Raft from sim/protocols/raft/index.js: the rest of the folder is its own business.';
const raftInternals = { regex: '(^|/)protocols/raft/(?!index\\.js$)', message: raftMessage };
const siblingRaftInternals = { regex: '^\\.\\./raft/(?!index\\.js$)', message: raftMessage };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['sim/**/*.ts', 'test/**/*.ts'], ignores: ['**/*.test.ts'], rules: { 'no-restricted-properties': ['error', ...banned] } },
  { files: ['**/*.ts'], ignores: ['sim/protocols/raft/**'], rules: { 'no-restricted-imports': ['error', { patterns: [raftInternals] }] } },
  {
    files: ['sim/protocols/**/*.ts'],
    ignores: ['sim/protocols/raft/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [raftInternals, siblingRaftInternals] }] },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }] },
  },
);
