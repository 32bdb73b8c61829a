/**
 * IT's managed policy on this computer (issue 18): where the station looked for one, and for each setting IT can
 * lock its value in effect and where that value came from — so IT can see a deployment took, and a nurse or
 * admin can see why a setting will not change. Everyone sees it: nothing in a policy is secret.
 */
import type { PolicySettingView, StationPolicyView } from '../../common/station/station-policy-view';

const SOURCE_WORDS: Readonly<Record<PolicySettingView['source'], string>> = {
  policy: 'Locked by policy',
  'command line': 'Command line',
  default: 'Default',
};

/** The panel. */
export function PolicyPanel({ policy }: { readonly policy: StationPolicyView }) {
  const locked = policy.settings.filter((setting) => setting.source === 'policy').length;
  return (
    <section className="panel panel--wide" aria-labelledby="policy-heading" data-testid="policy-panel">
      <h2 id="policy-heading">Managed policy</h2>
      <p className="panel__detail" data-testid="policy-origin">
        {policy.origin === null
          ? `No policy from IT on this computer (looked in ${policy.place}); settings come from the command line and defaults.`
          : `From ${policy.origin}: ${locked} setting${locked === 1 ? '' : 's'} locked by IT.`}
      </p>
      {policy.settings.length > 0 && (
        <table className="security-table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Set by</th>
              <th scope="col">Policy name</th>
            </tr>
          </thead>
          <tbody>
            {policy.settings.map((setting) => (
              <tr
                key={setting.name}
                data-testid="policy-setting"
                data-setting={setting.name}
                data-locked={setting.source === 'policy' ? 'true' : 'false'}
              >
                <td>{setting.label}</td>
                <td>{setting.value}</td>
                <td className={setting.source === 'policy' ? 'policy-locked' : undefined}>
                  {SOURCE_WORDS[setting.source]}
                  {setting.commandLineIgnored && ' (command line ignored)'}
                </td>
                <td>
                  <code>{setting.name}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
