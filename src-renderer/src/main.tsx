import '../../src-shared/ipc/zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startSession } from './store/session';
import { chooseTransport } from './transport/chooseTransport';
import { stripTokenFromAddress } from './transport/stripToken';
import './styles.css';

stripTokenFromAddress();
const transport = chooseTransport();
const endSession = startSession(transport);

const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
);

window.addEventListener('pagehide', () => {
  endSession();
  transport.close();
  root.unmount();
});

// The teardown above ran; a page restored from the back-forward cache must start over.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});
