import { canonicalPath, isSafePath, pathOf } from './paths';

describe('paths', () => {
  it.each(['/', '/api/facilities/work-orders', '/assets/index-abc.js', '/schools/S001/%E6%9D%8E', '/a.b/c'])('lets %s through', (path) => {
    expect(isSafePath(path)).toBe(true);
  });

  it.each(['/..', '/../etc/passwd', '/a/./b', '/a/%2e%2e/b', '/a/%2E./b', '/a%2fb', '/a%5cb', '/a\\b', '/a%00b', 'relative'])('refuses %s', (path) => {
    expect(isSafePath(path)).toBe(false);
  });

  it('recognises one route however it is spelled', () => {
    for (const path of ['/api/identity/auth/login', '/api/identity//auth/login/', '/api/identity/auth/%6Cogin', '/API/identity/auth/LOGIN']) {
      expect(canonicalPath(path)).toBe('/api/identity/auth/login');
    }
    expect(canonicalPath('/')).toBe('/');
    expect(canonicalPath('/bad%zz')).toBe('/bad%zz');
    expect(pathOf('/a/b?c=d?e')).toBe('/a/b');
  });
});
