/**
 * The station UI's entry: picks the transport, starts the stream worker and renders the app.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { StationContext } from './app/station-context';
import { createStationBridge } from './bridge/station-bridge';
import { startStreamWorker } from './stream/stream-worker-client';
import { createLiveNumericsStore } from './ward/live-numerics-store';
import { RingDirectory } from './stream/ring-directory';
import { RenderLoop } from './waveform/render-loop';
import './app/theme.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Station queries are cheap local calls; retry fast so a reconnect shows fresh data within a second or two.
    queries: { retry: 3, retryDelay: (attempt) => Math.min(250 * 2 ** attempt, 2000), refetchOnWindowFocus: false },
  },
});

const rings = new RingDirectory();
const renderLoop = new RenderLoop();
const traceKind = new URLSearchParams(window.location.search).get('renderer') === 'naive' ? 'naive' : 'sweep';
const bridge = createStationBridge();
// Whenever the station service becomes reachable (at start-up too: calls made before the page's connection to it
// is open are refused), every query is asked again: an answer missed while it was away is not lost.
bridge.reachability.onChange((reachable) => {
  if (reachable) void queryClient.invalidateQueries();
});
// The worker's gateway connection takes view-only tokens from main, on request; they live in the worker's memory only.
// Only the station saying "no credential" means waiting for a sign-in; a call that failed is retried.
const streamWorker = startStreamWorker(rings, (fresh) => bridge.api.getStreamCredential({ fresh }));
// The benchmark reads the render loop's figures; nothing else on the page uses this.
(window as { wardwatchRenderStats?: () => unknown }).wardwatchRenderStats = () => renderLoop.stats();
(window as { wardwatchResetRenderStats?: () => void }).wardwatchResetRenderStats = () => renderLoop.resetStats();
const numerics = createLiveNumericsStore();
streamWorker.onNumerics((latest) => numerics.update(latest, Date.now()));

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <StationContext.Provider value={{ bridge, streamWorker, numerics, rings, renderLoop, traceKind }}>
        <App />
      </StationContext.Provider>
    </QueryClientProvider>
  </StrictMode>,
);
