import { parseAuthChallenge } from './parseAuthChallenge';

describe('parseAuthChallenge', () => {
  it('reads a Docker Hub bearer challenge', () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/node:pull',
      },
    });
  });

  it('keeps commas inside quoted values and reads unquoted ones', () => {
    expect(
      parseAuthChallenge(
        'bearer realm=https://r.example/t, scope="repository:a:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://r.example/t', scope: 'repository:a:pull,push' },
    });
  });

  it('reads a Basic challenge', () => {
    expect(parseAuthChallenge('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
  });

  it.each([null, '', 'Negotiate abc', 'Bearerish realm="x"'])(
    'ignores %j',
    header => {
      expect(parseAuthChallenge(header)).toBeUndefined();
    },
  );
});
