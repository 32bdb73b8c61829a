import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import { presentLink } from './link-status-presentation';

/** Props of {@link LinkStatusBadge}. */
export interface LinkStatusBadgeProps {
  /** What the badge is about, e.g. "Gateway". */
  readonly name: string;
  readonly state: GatewayLinkState | null;
  readonly serviceReachable: boolean;
}

/** A coloured dot and a word, readable across a room; a fault pulses so that it is noticed. */
export function LinkStatusBadge({ name, state, serviceReachable }: LinkStatusBadgeProps) {
  const { label, tone, detail } = presentLink(state, serviceReachable);
  return (
    <div
      className={`link-badge link-badge--${tone}`}
      role="status"
      aria-label={`${name}: ${label}`}
      title={detail ?? undefined}
    >
      <span className="link-badge__dot" aria-hidden="true" />
      <span className="link-badge__name">{name}</span>
      <span className="link-badge__label" data-testid={`link-${name.toLowerCase().replace(/\s+/g, '-')}`}>
        {label}
      </span>
    </div>
  );
}
