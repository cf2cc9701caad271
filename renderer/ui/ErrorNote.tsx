/** Help after a mistake: plain words, said politely, announced to assistive technology. */
export function ErrorNote({ text }: { text: string | null }) {
  return (
    <p className="error-note" role="alert" data-testid="error">
      {text ?? ''}
    </p>
  );
}
