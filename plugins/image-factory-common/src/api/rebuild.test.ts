import { checkEmergencyJustification } from './rebuild';

describe('checkEmergencyJustification', () => {
  it('accepts a sentence of three words or more', () => {
    expect(
      checkEmergencyJustification('  CVE-2026-1234 in openssl is exploited  '),
    ).toBeUndefined();
  });

  it.each([
    [undefined, /at least 20 characters/],
    ['too short', /at least 20 characters/],
    ['aaaaaaaaaaaaaaaaaaaaaaaaa', /at least 3 words/],
    ['----- ----- ----- ----- -----', /at least 3 words/],
    ['urgent: CVE-2026-1234\nrm -rf /', /one line without control characters/],
    ['CVE-2026-1234 is \u001b[31mexploited\u001b[0m now', /control characters/],
  ])('refuses %j', (text, message) => {
    expect(checkEmergencyJustification(text)).toMatch(message);
  });
});
