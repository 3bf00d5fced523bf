import { scrubSecrets } from './scrubSecrets';

describe('scrubSecrets', () => {
  it('removes the userinfo of every URL in a message', () => {
    expect(
      scrubSecrets(
        "fatal: unable to access 'https://bot:p%40ss@git.example.com/a.git/' and http://tok@h:1/x",
      ),
    ).toBe(
      "fatal: unable to access 'https://***@git.example.com/a.git/' and http://***@h:1/x",
    );
  });

  it('replaces each given secret wherever it appears', () => {
    expect(
      scrubSecrets('header Basic eC1hOnQ= for t0ken, again t0ken', [
        't0ken',
        'eC1hOnQ=',
        '',
      ]),
    ).toBe('header Basic *** for ***, again ***');
  });

  it('leaves URLs without userinfo and e-mail addresses alone', () => {
    const text =
      'pushed to https://git.example.com/a.git by factory@example.com';
    expect(scrubSecrets(text)).toBe(text);
  });
});
