import { deterministicUuid } from './deterministic-id';

describe('deterministicUuid', () => {
  it('is the same for the same name and differs for another', () => {
    const a = deterministicUuid('ns', 'anonymous:POST /products:key-1');
    expect(deterministicUuid('ns', 'anonymous:POST /products:key-1')).toBe(a);
    expect(deterministicUuid('ns', 'anonymous:POST /products:key-2')).not.toBe(a);
    expect(deterministicUuid('other', 'anonymous:POST /products:key-1')).not.toBe(a);
  });

  it('is a version-5, RFC 4122 variant UUID', () => {
    expect(deterministicUuid('ns', 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
