import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'dockview/dist/styles/dockview.css';
import './styles.css';
import { ConnectionProvider, connect } from './api/context';
import { App } from './app/App';

const connection = connect();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConnectionProvider connection={connection}>
      <App />
    </ConnectionProvider>
  </StrictMode>,
);
