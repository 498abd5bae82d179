export default {
  displayName: 'portal',
  preset: '../../jest.preset.js',
  rootDir: '.',
  // Pure modules of the app (error mapping, role navigation, resource files); pages are driven in a real browser by the integration project.
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
