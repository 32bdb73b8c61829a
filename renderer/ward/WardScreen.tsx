/**
 * The wall display's main screen: one tile per bed, laid out to fill the screen (4 × 4 for 16 beds, 8 × 8 for
 * 64), or one bed's detail view when a tile is opened.
 */
import { useState } from 'react';
import type { Census } from '../../common/wire/ward-messages';
import type { Alarm } from '../../common/alarms/alarm-model';
import { BedDetail } from './BedDetail';
import { BedTile } from './BedTile';
import type { LiveNumericsStore } from './live-numerics-store';
import { useBedNumerics, useNow } from './use-live-numerics';
import { gridFor } from './ward-grid';
import { bedsOfPage, type WardPage } from './ward-page';

/** Props of {@link WardScreen}. */
export interface WardScreenProps {
  readonly census: Census;
  readonly numerics: LiveNumericsStore;
  readonly streamConnected: boolean;
  /** The part of the ward this display shows (all of it unless the ward spans several displays). */
  readonly page: WardPage;
  /** Each bed's most urgent alarm. */
  readonly alarmsByBed: ReadonlyMap<string, Alarm>;
}

/** The grid of beds, or one bed in detail. */
export function WardScreen({ census, numerics, streamConnected, page, alarmsByBed }: WardScreenProps) {
  const now = useNow(500);
  const [openBedId, setOpenBedId] = useState<string | null>(null);
  const beds = bedsOfPage(census.beds, page);
  const openBed = beds.find((bed) => bed.bedId === openBedId);
  if (beds.length === 0)
    return (
      <div className="app-message">
        {census.beds.length === 0
          ? 'The gateway serves no beds.'
          : `No beds left for display ${page.index} of ${page.count}.`}
      </div>
    );
  if (openBed !== undefined) {
    return (
      <LiveBedDetail
        bed={openBed}
        numerics={numerics}
        nowMs={now}
        streamConnected={streamConnected}
        onClose={() => setOpenBedId(null)}
      />
    );
  }
  const { columns, rows } = gridFor(beds.length);
  return (
    <div
      className="ward-grid"
      style={{
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
      }}
      data-testid="ward-grid"
    >
      {beds.map((bed) => (
        <LiveBedTile
          key={bed.bedId}
          bed={bed}
          numerics={numerics}
          nowMs={now}
          streamConnected={streamConnected}
          onOpen={setOpenBedId}
          alarm={alarmsByBed.get(bed.bedId)}
        />
      ))}
    </div>
  );
}

type Bed = Census['beds'][number];

function LiveBedTile(props: {
  bed: Bed;
  numerics: LiveNumericsStore;
  nowMs: number;
  streamConnected: boolean;
  onOpen: (bedId: string) => void;
  alarm: Alarm | undefined;
}) {
  const latest = useBedNumerics(props.numerics, props.bed.bed);
  return (
    <BedTile
      bed={props.bed}
      latest={latest}
      nowMs={props.nowMs}
      streamConnected={props.streamConnected}
      onOpen={props.onOpen}
      alarm={props.alarm}
    />
  );
}

function LiveBedDetail(props: {
  bed: Bed;
  numerics: LiveNumericsStore;
  nowMs: number;
  streamConnected: boolean;
  onClose: () => void;
}) {
  const latest = useBedNumerics(props.numerics, props.bed.bed);
  return (
    <BedDetail
      bed={props.bed}
      latest={latest}
      nowMs={props.nowMs}
      streamConnected={props.streamConnected}
      onClose={props.onClose}
    />
  );
}
