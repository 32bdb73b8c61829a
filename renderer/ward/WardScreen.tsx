/**
 * The wall display's main screen: one tile per bed, laid out to fill the screen (4 × 4 for 16 beds, 8 × 8 for 64).
 */
import type { Census } from '../../common/wire/ward-messages';
import { BedTile } from './BedTile';
import type { LiveNumericsStore } from './live-numerics-store';
import { useBedNumerics, useNow } from './use-live-numerics';
import { gridFor } from './ward-grid';

/** Props of {@link WardScreen}. */
export interface WardScreenProps {
  readonly census: Census;
  readonly numerics: LiveNumericsStore;
  readonly streamConnected: boolean;
}

/** The grid of beds. */
export function WardScreen({ census, numerics, streamConnected }: WardScreenProps) {
  const now = useNow(500);
  const { columns, rows } = gridFor(census.beds.length);
  if (census.beds.length === 0) return <div className="app-message">The gateway serves no beds.</div>;
  return (
    <div className="ward-grid" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)`, gridTemplateRows: `repeat(${rows}, 1fr)` }} data-testid="ward-grid">
      {census.beds.map((bed) => (
        <LiveBedTile key={bed.bedId} bed={bed} numerics={numerics} nowMs={now} streamConnected={streamConnected} />
      ))}
    </div>
  );
}

function LiveBedTile(props: { bed: Census['beds'][number]; numerics: LiveNumericsStore; nowMs: number; streamConnected: boolean }) {
  const latest = useBedNumerics(props.numerics, props.bed.bed);
  return <BedTile bed={props.bed} latest={latest} nowMs={props.nowMs} streamConnected={props.streamConnected} />;
}
