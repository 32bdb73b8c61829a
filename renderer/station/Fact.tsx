/** One row of a Station screen panel's facts: a label and its value. */
export function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
