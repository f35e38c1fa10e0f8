import { isUnder, routedPath } from '../../src/middlewares/paths';

const at = (path: string) => ({ path });

describe('the path the edge limits read', () => {
  test('is percent-decoded, lower-case, with repeated slashes squashed', () => {
    expect(routedPath(at('/API/Articles'))).toBe('/api/articles');
    expect(routedPath(at('/%61pi/articles'))).toBe('/api/articles');
    expect(routedPath(at('//api//articles'))).toBe('/api/articles');
  });

  test('a malformed escape is compared as sent', () => {
    expect(routedPath(at('/api/%E0%A4%A'))).toBe('/api/%e0%a4%a');
  });

  test('covers a prefix and what is below it, not a longer name', () => {
    expect(['/api', '/API/articles', '/%61pi/articles', '/GRAPHQL', '/apix', '/graphqlx', '/admin'].map((path) => isUnder(at(path), '/api', '/graphql'))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
