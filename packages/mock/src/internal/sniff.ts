/**
 * The type of a file from its first bytes, as the platform answers `media/get` (the official
 * example answers `image/jpeg` for a picture, whatever the uploader declared: the official upload
 * example declares `application/octet-stream`). `undefined` when no signature matches.
 */
const SIGNATURES: readonly {
  readonly type: string;
  readonly at: number;
  readonly bytes: readonly number[];
}[] = [
  { type: 'image/jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/gif', at: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/bmp', at: 0, bytes: [0x42, 0x4d] },
  // "#!AMR"
  { type: 'audio/amr', at: 0, bytes: [0x23, 0x21, 0x41, 0x4d, 0x52] },
  // "#!SILK_V3" (voice_format 1 of sync_msg)
  { type: 'audio/silk', at: 0, bytes: [0x23, 0x21, 0x53, 0x49, 0x4c, 0x4b] },
  // ISO base media ("ftyp" at offset 4): MP4
  { type: 'video/mp4', at: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  // "%PDF"
  { type: 'application/pdf', at: 0, bytes: [0x25, 0x50, 0x44, 0x46] },
  // "PK\x03\x04": zip and the Office formats built on it
  { type: 'application/zip', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
];

export function sniffContentType(bytes: Uint8Array): string | undefined {
  for (const signature of SIGNATURES) {
    if (bytes.byteLength < signature.at + signature.bytes.length) continue;
    if (signature.bytes.every((byte, index) => bytes[signature.at + index] === byte)) return signature.type;
  }
  return undefined;
}
