import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { leaveIfReturningAfterExit } from './lib/quick-exit'
import './styles/base.css'
import './styles/layout.css'
import './styles/components.css'

// Back or Forward into Mend after a quick exit: leave again before showing anything.
if (!leaveIfReturningAfterExit()) {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
