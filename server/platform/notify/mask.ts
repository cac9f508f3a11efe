/**
 * Masks an address for screens and logs: 13812345678 → 138****5678, zhang@qq.com → z***@qq.com.
 * Anything else keeps its first character only, so a log line never carries a full address.
 */
export function maskAddress(address: string): string {
  const a = address.trim();
  const at = a.lastIndexOf('@');
  if (at > 0) return `${a[0]}***${a.slice(at)}`;
  const digits = a.replace(/[\s-]/g, '');
  // Mainland mobile numbers, with or without +86.
  const m = /^(?:\+?86)?(1\d{2})\d{4}(\d{4})$/.exec(digits);
  if (m) return `${m[1]}****${m[2]}`;
  if (/^\+?\d{7,}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return a.length <= 1 ? '***' : `${a[0]}***`;
}

/** Replaces the address, and anything shaped like an email or phone number, in provider error text before it is stored or logged. */
export function scrubAddresses(text: string, address: string | null): string {
  let out = text;
  if (address) out = out.split(address).join(maskAddress(address));
  return out
    .replace(/[^\s<>"'()[\]@]+@[^\s<>"'()[\]@]+\.[A-Za-z]{2,}/g, (e) => maskAddress(e))
    .replace(/(?<!\d)1\d{10}(?!\d)/g, (p) => maskAddress(p));
}
