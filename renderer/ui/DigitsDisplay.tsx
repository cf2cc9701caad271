/**
 * The typed digits in large type, in groups of four ("4711 0004"), with a dot per digit
 * still to come so the customer sees how many are left.
 */
export function DigitsDisplay({ value, length, label }: { value: string; length: number; label: string }) {
  const cells = Array.from({ length: Math.max(length, value.length) }, (_, i) => value[i] ?? '·');
  const grouped = cells.map((c, i) => (i > 0 && i % 4 === 0 ? ` ${c}` : c)).join('');
  return (
    <p className="digits">
      <output data-testid="digits" aria-label={label}>{grouped}</output>
    </p>
  );
}
