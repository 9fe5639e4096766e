/**
 * Three levels of tests, each its own project:
 *  - unit: pure rules in shared/, small pure parts of the emulator and functions, and the client's stores
 *  - cloud: the emulator through the real @cloudbase/node-sdk, and each function against it
 *  - e2e: user journeys in headless Chromium against the H5 build (needs `npm run build:h5` first)
 *  - weapp: the built mini-program (needs `npm run build:weapp` first) run headless through WeChat's own template
 *    compilers and Taro's real runtime, against the local cloud in simulator mode (tests/weapp/runtime)
 */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        target: 'es2022',
        transform: { react: { runtime: 'automatic' } },
      },
    },
  ],
}

const base = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] }

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      // The client's stores and services import Taro; in Node they get the few APIs they use.
      moduleNameMapper: { '^@tarojs/taro$': '<rootDir>/tests/helpers/taro.ts' },
    },
    {
      ...base,
      displayName: 'cloud',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/timeout-30s.ts'],
      testMatch: ['<rootDir>/tests/emulator/**/*.test.ts', '<rootDir>/tests/functions/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/timeout-120s.ts'],
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
    },
    {
      ...base,
      displayName: 'weapp',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/timeout-120s.ts'],
      testMatch: ['<rootDir>/tests/weapp/**/*.weapp.test.ts'],
    },
  ],
}
