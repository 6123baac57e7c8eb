/**
 * WXBizMsgCrypt pads to multiples of 32 bytes, not to the AES block size of 16: the pad length
 * is 1..32 and every pad byte holds it.
 */
export const PAD_BLOCK_SIZE = 32;

/** How many pad bytes follow `length` bytes of plaintext (1..32). */
export function padLength(length: number): number {
  return PAD_BLOCK_SIZE - (length % PAD_BLOCK_SIZE);
}

/**
 * The plaintext length once the padding is removed, or −1 when the padding is not exactly what
 * {@link padLength} writes. Every pad byte is checked, not only the last one.
 */
export function unpaddedLength(padded: Uint8Array): number {
  const length = padded.length;
  const pad = padded[length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK_SIZE || pad > length) return -1;
  for (let i = length - pad; i < length - 1; i++) {
    if (padded[i] !== pad) return -1;
  }
  return length - pad;
}
