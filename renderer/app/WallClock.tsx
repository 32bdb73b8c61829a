import { useEffect, useState } from 'react';

/** Formats a time as a wall display shows it: 24-hour, seconds included, tabular digits. */
export function formatWallTime(date: Date): string {
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** The station clock. Its ticking seconds also show at a glance that the display itself is not frozen. */
export function WallClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="wall-clock" dateTime={now.toISOString()} data-testid="wall-clock">
      {formatWallTime(now)}
    </time>
  );
}
