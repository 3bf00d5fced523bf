import { resolveRemote } from './resolveRemote';

const SECRET = 's3cr3t-T0ken';

describe('resolveRemote', () => {
  it.each([
    'https://github.com/acme/state.git',
    'HTTPS://github.com/acme/state.git',
    ' Https://GitHub.com/acme/state.git',
  ])('recognises %s as HTTPS and hands git a lower-case scheme', url => {
    expect(resolveRemote(url)).toEqual({
      url: expect.stringMatching(/^https:\/\/github\.com\/acme\/state\.git$/),
      http: true,
      https: true,
    });
  });

  it('takes credentials from the userinfo of an HTTPS URL, whatever its case', () => {
    expect(
      resolveRemote(`HTTPS://bot:${SECRET}@git.example.com/a.git`),
    ).toEqual({
      url: 'https://git.example.com/a.git',
      http: true,
      https: true,
      credentials: { token: SECRET, username: 'bot' },
    });
  });

  it('allows plain http:// without credentials', () => {
    expect(resolveRemote('HTTP://127.0.0.1:8080/state.git')).toEqual({
      url: 'http://127.0.0.1:8080/state.git',
      http: true,
      https: false,
    });
  });

  it.each([
    ['a token as userinfo', `http://${SECRET}@127.0.0.1:8080/state.git`],
    ['user and token', `http://bot:${SECRET}@127.0.0.1:8080/state.git`],
    ['an upper-case scheme', `HTTP://bot:${SECRET}@git.example.com/state.git`],
    [
      'an encoded token',
      `http://bot:${encodeURIComponent(`${SECRET}@/`)}@host/state.git`,
    ],
  ])('refuses plain http:// with %s, without echoing it', (_what, url) => {
    expect(() => resolveRemote(url)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(/clear text.*https:\/\//),
      }),
    );
    const message = captureMessage(() => resolveRemote(url));
    for (const leak of [SECRET, 'bot', encodeURIComponent(SECRET)]) {
      expect(message).not.toContain(leak);
    }
  });

  it('refuses malformed percent-encoding in the userinfo without echoing it', () => {
    const message = captureMessage(() =>
      resolveRemote(`https://bot:${SECRET}%E0%A4@git.example.com/a.git`),
    );
    expect(message).toMatch(/^InputError: .*percent-encoding/);
    expect(message).not.toContain(SECRET);
  });

  it('refuses plain http:// when credentials are given for it', () => {
    const message = captureMessage(() =>
      resolveRemote('http://127.0.0.1:8080/state.git', {
        token: SECRET,
        username: 'bot',
      }),
    );
    expect(message).toMatch(/clear text/);
    expect(message).not.toContain(SECRET);
  });
});

function captureMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message} ${
      (error as Error).stack
    }`;
  }
  throw new Error('expected an error');
}
