/** The product mark: a bridge over three piers, in the console's red and gold. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="#a61b29" />
      <path d="M12 42 Q32 14 52 42" fill="none" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
      <path d="M12 42h40" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
      <path d="M22 42v-8M32 42v-13M42 42v-8" stroke="#f5d28a" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
