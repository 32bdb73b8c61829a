/**
 * Where this station keeps credentials and whether it can right now — for IT after installing a station, and for
 * anyone wondering why "stay signed in" is not offered. Secrets themselves are never shown.
 */
import type { CredentialStoreStatus } from '../../common/station/credential-store-status';
import { useCredentialStore } from './use-credential-store';

const LABELS: Readonly<Record<CredentialStoreStatus['state'], { text: string; tone: 'ok' | 'fault' }>> = {
  available: { text: 'Available', tone: 'ok' },
  locked: { text: 'Locked', tone: 'fault' },
  unavailable: { text: 'Unavailable', tone: 'fault' },
  refused: { text: 'Refused', tone: 'fault' },
};

/** The panel. */
export function CredentialStorePanel() {
  const store = useCredentialStore();
  const status = store.data;
  return (
    <section className="panel" aria-label="Credentials" data-testid="panel-credentials">
      <h2>Credentials</h2>
      {status === undefined ? (
        <p className="panel__detail">
          {store.isError
            ? `The station could not check its keychain: ${store.error.message}`
            : 'Checking the OS keychain…'}
        </p>
      ) : (
        <>
          <div className={`link-badge link-badge--${LABELS[status.state].tone}`} role="status">
            <span className="link-badge__dot" aria-hidden="true" />
            <span className="link-badge__name">OS keychain</span>
            <span className="link-badge__label" data-testid="credential-store-state">
              {LABELS[status.state].text}
            </span>
          </div>
          {status.detail !== null && (
            <p className="panel__detail" data-testid="credential-store-detail">
              {status.detail}
            </p>
          )}
          <dl className="facts">
            <div className="facts__row">
              <dt>Kept in</dt>
              <dd>{status.keychain}</dd>
            </div>
            <div className="facts__row">
              <dt>Never in</dt>
              <dd>files, settings, logs or this screen</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
