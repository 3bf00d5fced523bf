import { bufferWrites } from './bufferWrites';

describe('bufferWrites', () => {
  it('passes the text on unchanged in chunks of at least the chunk length', () => {
    const writes: string[] = [];
    const out = bufferWrites(text => writes.push(text), 100);
    const lines = Array.from({ length: 50 }, (_, i) => `{"line":${i}}\n`);
    lines.forEach(line => out.write(line));
    out.flush();
    expect(writes.join('')).toBe(lines.join(''));
    expect(writes.length).toBeLessThan(lines.length / 5);
    for (const chunk of writes.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(100);
      // A chunk goes out as soon as it is long enough: not a line later.
      expect(chunk.length).toBeLessThan(100 + 12);
    }
  });

  it('writes a long text at once, and nothing on a flush with nothing gathered', () => {
    const writes: string[] = [];
    const out = bufferWrites(text => writes.push(text), 10);
    out.flush();
    out.write('x'.repeat(25));
    expect(writes).toEqual(['x'.repeat(25)]);
    out.flush();
    expect(writes).toHaveLength(1);
  });

  it('keeps what is gathered until the flush', () => {
    const writes: string[] = [];
    const out = bufferWrites(text => writes.push(text), 1000);
    out.write('a\n');
    out.write('b\n');
    expect(writes).toEqual([]);
    out.flush();
    expect(writes).toEqual(['a\nb\n']);
  });
});
