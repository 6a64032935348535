// SM3 (GB/T 32905) on the phone: a photo is hashed the moment it is taken, so the hash the server records is the one
// of the file as captured (R35). sm-crypto-v2 hashes a Uint8Array as it is (sm-crypto copies it into a plain array,
// 8× the memory of a 50 MB video) and is typed ESM, so only SM3 is bundled.
import { sm3 } from 'sm-crypto-v2';

export function sm3Hex(bytes: Uint8Array): string {
  return sm3(bytes);
}
