import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BridgeProvider, pickBridge } from './bridge';
import { MissingToken } from './shell/MissingToken';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const bridge = pickBridge();
createRoot(root).render(
  <StrictMode>
    {bridge ? (
      <BridgeProvider bridge={bridge}>
        <App />
      </BridgeProvider>
    ) : (
      <MissingToken />
    )}
  </StrictMode>,
);
