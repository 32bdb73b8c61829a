/**
 * A bed's NEWS2 on its tile: the total, coloured by the RCP's response (none, urgent ward review, urgent review,
 * emergency). An incomplete score — a parameter nobody measured or charted in 12 h — is a lower bound and says so
 * (`≥ 4`), so that a score missing its oxygen and consciousness never passes for a patient scoring low.
 */
import { describeNews2 } from '../../common/scores/news2';
import type { EarlyWarning } from '../../common/wire/early-warning';

/** Words for the RCP's responses. */
export const NEWS2_RESPONSE_WORDS: Readonly<Record<EarlyWarning['response'], string>> = {
  routine: 'routine monitoring',
  'urgent-ward-review': 'urgent ward-based review (a parameter scores 3)',
  'urgent-review': 'urgent review by a clinician',
  emergency: 'emergency response',
};

/** The badge. */
export function EarlyWarningBadge({ score }: { readonly score: EarlyWarning }) {
  const incomplete = score.missing.length > 0;
  return (
    <span
      className={`news2-badge news2-badge--${score.response}`}
      data-testid="bed-news2"
      data-total={score.total}
      title={`${describeNews2(score)} — ${NEWS2_RESPONSE_WORDS[score.response]}${incomplete ? '; incomplete: chart the missing parameters' : ''}`}
    >
      NEWS2 {incomplete ? '≥ ' : ''}
      {score.total}
    </span>
  );
}
