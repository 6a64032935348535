// SM3 (GB/T 32905), the hash of plan inputs (R13) and draw inputs (R3). The domain runs in Node and in the browser, so
// it imports no node: module: under Node it takes OpenSSL's SM3 from the running process (several times faster on a
// province's plan inputs, about 60 MB of text), elsewhere the pure implementation the web already uses for evidence.
// Both give the same digest.
import { sm3 as pureSm3 } from 'sm-crypto-v2';

/** An SM3 hash fed in pieces; digest() gives the lower-case hex digest and ends it. */
export interface Sm3Hash {
  update(data: string | Uint8Array): Sm3Hash;
  digest(): string;
}

interface NodeHash {
  update(data: string | Uint8Array): unknown;
  digest(encoding: 'hex'): string;
}
type NodeCrypto = { createHash(algorithm: string): NodeHash };

const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | NodeCrypto
  | undefined;

/** The pure implementation: the pieces are kept (copied: a caller may reuse its buffer) and hashed at the end. */
export function pureSm3Hash(): Sm3Hash {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let length = 0;
  const hash: Sm3Hash = {
    update(data) {
      const bytes = typeof data === 'string' ? encoder.encode(data) : data.slice();
      pieces.push(bytes);
      length += bytes.length;
      return hash;
    },
    digest() {
      const all = new Uint8Array(length);
      let at = 0;
      for (const p of pieces) {
        all.set(p, at);
        at += p.length;
      }
      pieces.length = 0;
      return pureSm3(all);
    },
  };
  return hash;
}

function nativeSm3Hash(crypto: NodeCrypto): Sm3Hash {
  const h = crypto.createHash('sm3');
  const hash: Sm3Hash = {
    update(data) {
      h.update(data);
      return hash;
    },
    digest: () => h.digest('hex'),
  };
  return hash;
}

export function createSm3(): Sm3Hash {
  return nodeCrypto ? nativeSm3Hash(nodeCrypto) : pureSm3Hash();
}

/** SM3 of a text (UTF-8) or bytes, in hex. */
export function sm3Hex(data: string | Uint8Array): string {
  return createSm3().update(data).digest();
}
