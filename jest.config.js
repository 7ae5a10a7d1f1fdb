/** Jest runs TypeScript through SWC, compiled as NestJS needs it (see swc.options.js). */
const swcOptions = require('./swc.options');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', swcOptions] },
  // ESM-only packages that Node 20 loads natively but Jest's CommonJS runtime cannot.
  // openid-client 6 and its oauth4webapi and jose 6 (nested under it; the top-level jose 5 ships CommonJS).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|openid-client|oauth4webapi)/)(?!jose/dist/webapi/)'],
  moduleNameMapper: {
    '^@goals/domain$': '<rootDir>/libs/domain/src',
    '^@goals/event-store$': '<rootDir>/libs/event-store/src',
    '^@goals/redis$': '<rootDir>/libs/redis/src',
    '^@goals/platform$': '<rootDir>/libs/platform/src',
    '^@goals/read-models$': '<rootDir>/libs/read-models/src',
    '^@goals/sheet-file$': '<rootDir>/libs/sheet-file/src',
    '^@goals/reminders$': '<rootDir>/libs/reminders/src',
    '^@goals/infrastructure$': '<rootDir>/libs/infrastructure/src',
  },
  testTimeout: 30000,
};
