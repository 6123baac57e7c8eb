import { getSignature } from '@wecom/crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectCode, NONCE, TIMESTAMP, TOKEN, unicodeText } from './__fixtures__/callbacks.js';
import { KfCryptoErrorCode } from './errors.js';
import { computeSignature, verifySignature } from './signature.js';

const ENCRYPTED =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS';

describe('computeSignature', () => {
  test('equals the official getSignature of @wecom/crypto', () => {
    expect(computeSignature(TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(
      getSignature(TOKEN, TIMESTAMP, NONCE, ENCRYPTED),
    );
  });

  test('is the lowercase hex SHA-1 of the sorted, concatenated strings', () => {
    // sorted: '1', '2', 'a', 'b' → '12ab'; SHA-1('12ab') computed independently.
    expect(computeSignature('b', '2', 'a', '1')).toBe('d33dca6b0d9530ac761c3ff8ba6108cb734ff569');
  });

  test('sorts by UTF-16 code units like the official library, also for non-ASCII strings', () => {
    const args = ['令牌', 'Token', 'é', '\u{1F600}'] as const;
    expect(computeSignature(...args)).toBe(getSignature(...args));
  });

  test('does not depend on the order of its four arguments', () => {
    fc.assert(
      fc.property(
        fc.array(unicodeText(40), { minLength: 4, maxLength: 4 }),
        fc.nat(23),
        (parts, permutationIndex) => {
          const [a = '', b = '', c = '', d = ''] = parts;
          const permutations = [
            [a, b, c, d],
            [d, c, b, a],
            [b, a, d, c],
            [c, d, a, b],
            [a, c, d, b],
            [d, a, b, c],
          ] as const;
          const permuted = permutations[permutationIndex % permutations.length] ?? permutations[0];
          expect(computeSignature(...permuted)).toBe(computeSignature(a, b, c, d));
          expect(computeSignature(a, b, c, d)).toBe(getSignature(a, b, c, d));
        },
      ),
      { seed: 20240718, numRuns: 300 },
    );
  });

  test('rejects a non-string argument with -40003', () => {
    const error = expectCode(
      () => computeSignature(TOKEN, 1409659813 as unknown as string, NONCE, ENCRYPTED),
      KfCryptoErrorCode.ComputeSignatureError,
    );
    expect(error.message).toContain('must all be strings');
    expectCode(() => computeSignature(undefined as unknown as string, TIMESTAMP, NONCE, ENCRYPTED), -40003);
  });
});

describe('verifySignature', () => {
  const signature = getSignature(TOKEN, TIMESTAMP, NONCE, ENCRYPTED);

  test('accepts the signature the official library computes', () => {
    expect(verifySignature(signature, TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(true);
  });

  test('rejects a signature that differs in one character, case, or length', () => {
    const last = signature.at(-1) === '0' ? '1' : '0';
    expect(verifySignature(signature.slice(0, -1) + last, TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
    expect(verifySignature(signature.toUpperCase(), TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(
      signature === signature.toUpperCase(),
    );
    expect(verifySignature(signature.slice(0, -1), TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
    expect(verifySignature(`${signature}0`, TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
    expect(verifySignature('', TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
  });

  test('rejects a signature of the right length made of non-ASCII characters', () => {
    // In latin1 U+0161 would become 0x61 ('a'); the check must not fold characters like that.
    const folded = signature.replaceAll('a', '\u0161');
    expect(folded).not.toBe(signature);
    expect(verifySignature(folded, TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
  });

  test('rejects the signature over other inputs', () => {
    expect(verifySignature(signature, `${TOKEN}x`, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
    expect(verifySignature(signature, TOKEN, '1409659814', NONCE, ENCRYPTED)).toBe(false);
    expect(verifySignature(signature, TOKEN, TIMESTAMP, NONCE, `${ENCRYPTED}=`)).toBe(false);
  });

  test('treats a non-string signature as no match, and non-string inputs as -40003', () => {
    expect(verifySignature(null as unknown as string, TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
    expect(verifySignature(['x'] as unknown as string, TOKEN, TIMESTAMP, NONCE, ENCRYPTED)).toBe(false);
    expectCode(
      () => verifySignature(signature, TOKEN, TIMESTAMP, {} as unknown as string, ENCRYPTED),
      -40003,
    );
  });
});
